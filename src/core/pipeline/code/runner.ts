// Runs Python programs for the code scorer, each in a fresh interpreter in its own worker (a Web Worker in the
// browser, a worker thread in Node), under a wall-clock limit that terminates the worker, so `while True: pass`
// ends. One spare worker loads its interpreter ahead, so the next program does not wait for a cold start.
// The runtime supplies `spawn`; this file owns the protocol and the limits.

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

/** Messages from the worker: its interpreter is ready, or the program's result. */
export type SandboxMessage = { type: 'ready' } | { type: 'result'; result: CodeRunResult } | { type: 'error'; message: string };

/** What the runner needs of a worker, whatever the runtime. */
export interface SandboxWorker {
  onMessage(listener: (message: SandboxMessage) => void): void;
  onError(listener: (message: string) => void): void;
  post(program: string): void;
  terminate(): void;
}

export interface PythonRunner {
  run(program: string): Promise<CodeRunResult>;
  close(): void;
}

interface Pending {
  worker: SandboxWorker;
  ready: Promise<void>;
  next(): Promise<SandboxMessage>;
}

function watch(worker: SandboxWorker): Pending {
  const queue: ((m: SandboxMessage) => void)[] = [];
  const waiting: SandboxMessage[] = [];
  const deliver = (m: SandboxMessage) => (queue.length > 0 ? queue.shift()!(m) : waiting.push(m));
  worker.onMessage(deliver);
  worker.onError((message) => deliver({ type: 'error', message }));
  const take = () => new Promise<SandboxMessage>((resolve) => (waiting.length > 0 ? resolve(waiting.shift()!) : queue.push(resolve)));
  const ready = take().then((m) => {
    if (m.type !== 'ready') throw new Error(m.type === 'error' ? m.message : 'the interpreter did not start');
  });
  return { worker, ready, next: take };
}

export class FreshInterpreterRunner implements PythonRunner {
  private spare: Pending | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly spawn: (limits: CodeLimits) => SandboxWorker,
    readonly limits: CodeLimits = DEFAULT_CODE_LIMITS,
  ) {}

  /** Runs programs one at a time (interpreters are large); each gets a fresh interpreter. */
  run(program: string): Promise<CodeRunResult> {
    const result = this.chain.then(() => this.runNow(program));
    this.chain = result.catch(() => undefined);
    return result;
  }

  private take(): Pending {
    const pending = this.spare ?? watch(this.spawn(this.limits));
    this.spare = watch(this.spawn(this.limits));
    return pending;
  }

  private async runNow(program: string): Promise<CodeRunResult> {
    const { worker, ready, next } = this.take();
    try {
      await ready;
    } catch (e) {
      worker.terminate();
      return { status: 'crashed', message: (e as Error).message };
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<CodeRunResult>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'timeout', message: `stopped after ${this.limits.timeoutMs} ms` }), this.limits.timeoutMs);
    });
    worker.post(program);
    const finished = next().then((m): CodeRunResult => (m.type === 'result' ? m.result : { status: 'crashed', message: m.type === 'error' ? m.message : 'unexpected message' }));
    const result = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    worker.terminate();
    return result;
  }

  close(): void {
    this.spare?.worker.terminate();
    this.spare = undefined;
  }
}
