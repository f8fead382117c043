// Runs Python programs for the code scorer, each in a fresh interpreter (sandbox.ts) in a worker (a Web Worker in
// the browser, a worker thread in Node), under a wall-clock limit that terminates the worker, so `while True: pass`
// ends (the next program gets a new worker). The first use has a worker boot Python and return a memory snapshot
// that every later interpreter starts from; the worker opens the next interpreter while the pipeline waits for the
// next answer. The runtime supplies `spawn`; this file owns the protocol and the limits.

export type CodeRunResult =
  | { status: 'passed' }
  | { status: 'failed' | 'timeout' | 'memory' | 'crashed'; message: string };

export interface CodeLimits {
  /** Wall-clock time for the program, from when the interpreter is ready. */
  timeoutMs: number;
  /** The interpreter's WebAssembly memory cap. */
  memoryMb: number;
}

export const DEFAULT_CODE_LIMITS: CodeLimits = { timeoutMs: 5_000, memoryMb: 512 };

/** The first message a worker gets. */
export interface SandboxInit {
  memoryMb: number;
  /** Where Pyodide's files are (the app's own origin in the browser); the package's folder when absent. */
  indexURL?: string;
  /** Boot Python, reply with a memory snapshot, and stop. */
  makeSnapshot?: boolean;
  /** Start the interpreter from this snapshot. */
  snapshot?: Uint8Array;
}

/** Messages from a worker. */
export type SandboxMessage =
  | { type: 'ready' }
  | { type: 'snapshot'; bytes: Uint8Array }
  | { type: 'result'; result: CodeRunResult }
  | { type: 'error'; message: string };

/** What the runner needs of a worker, whatever the runtime. */
export interface SandboxWorker {
  onMessage(listener: (message: SandboxMessage) => void): void;
  onError(listener: (message: string) => void): void;
  post(message: SandboxInit | string): void;
  terminate(): void;
}

export interface PythonRunner {
  run(program: string): Promise<CodeRunResult>;
  close(): void;
}

interface Watched {
  worker: SandboxWorker;
  next(): Promise<SandboxMessage>;
}

function watch(worker: SandboxWorker): Watched {
  const waiting: SandboxMessage[] = [];
  const takers: ((m: SandboxMessage) => void)[] = [];
  const deliver = (m: SandboxMessage) => (takers.length > 0 ? takers.shift()!(m) : waiting.push(m));
  worker.onMessage(deliver);
  worker.onError((message) => deliver({ type: 'error', message }));
  return { worker, next: () => new Promise((resolve) => (waiting.length > 0 ? resolve(waiting.shift()!) : takers.push(resolve))) };
}

export class FreshInterpreterRunner implements PythonRunner {
  private snapshot: Promise<Uint8Array | undefined> | undefined;
  private current: { watched: Watched; runs: number } | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly spawn: () => SandboxWorker,
    readonly limits: CodeLimits = DEFAULT_CODE_LIMITS,
    private readonly indexURL?: string,
    /** A worker is replaced after this many programs, so nothing builds up in it. */
    private readonly recycleAfter = 25,
  ) {}

  /** Runs programs one at a time (interpreters are large); each gets a fresh interpreter. */
  run(program: string): Promise<CodeRunResult> {
    const result = this.chain.then(() => this.runNow(program));
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** The pristine image every interpreter starts from; undefined (boot from scratch) if it cannot be made. */
  private bootImage(): Promise<Uint8Array | undefined> {
    this.snapshot ??= (async () => {
      const watched = watch(this.spawn());
      watched.worker.post({ memoryMb: this.limits.memoryMb, makeSnapshot: true, ...(this.indexURL ? { indexURL: this.indexURL } : {}) });
      const reply = await watched.next();
      watched.worker.terminate();
      return reply.type === 'snapshot' ? reply.bytes : undefined;
    })();
    return this.snapshot;
  }

  private async worker(): Promise<{ watched: Watched; runs: number }> {
    if (this.current) return this.current;
    const snapshot = await this.bootImage();
    const watched = watch(this.spawn());
    watched.worker.post({ memoryMb: this.limits.memoryMb, ...(this.indexURL ? { indexURL: this.indexURL } : {}), ...(snapshot ? { snapshot } : {}) });
    this.current = { watched, runs: 0 };
    return this.current;
  }

  private retire(): void {
    this.current?.watched.worker.terminate();
    this.current = undefined;
  }

  private async runNow(program: string): Promise<CodeRunResult> {
    const current = await this.worker();
    const ready = await current.watched.next();
    if (ready.type !== 'ready') {
      this.retire();
      return { status: 'crashed', message: ready.type === 'error' ? ready.message : 'the interpreter did not start' };
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<CodeRunResult>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'timeout', message: `stopped after ${this.limits.timeoutMs} ms` }), this.limits.timeoutMs);
    });
    current.watched.worker.post(program);
    const finished = current.watched.next().then((m): CodeRunResult => (m.type === 'result' ? m.result : { status: 'crashed', message: m.type === 'error' ? m.message : 'unexpected message' }));
    const result = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    current.runs += 1;
    if (result.status === 'timeout' || result.status === 'crashed' || current.runs >= this.recycleAfter) this.retire();
    return result;
  }

  close(): void {
    this.retire();
  }
}
