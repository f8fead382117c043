// Runs Python programs for the code scorer in a sandbox (a child process in Node, an opaque-origin iframe in the
// browser) that boots Python once and gives each program a fresh interpreter (sandbox.mjs). Programs run one at a
// time under a wall-clock limit; past it the sandbox is killed (`while True: pass` ends) and the next program gets
// a new one. Everything the sandbox says is checked here before it is believed. The runtime supplies `spawn`; this
// file owns the protocol and the limits.
import { inbox } from './sandbox.mjs';

export type CodeRunResult = { status: 'passed' } | { status: 'failed' | 'timeout' | 'memory' | 'crashed'; message: string };

export interface CodeLimits {
  /** Wall-clock time for the program, from when the interpreter is ready. */
  timeoutMs: number;
  /** The interpreter's WebAssembly memory cap. */
  memoryMb: number;
}

export const DEFAULT_CODE_LIMITS: CodeLimits = { timeoutMs: 5_000, memoryMb: 512 };

/** The first message a sandbox gets. */
export interface SandboxInit {
  memoryMb: number;
}

/** Messages from a sandbox. */
export type SandboxMessage = { type: 'ready' } | { type: 'result'; result: CodeRunResult } | { type: 'error'; message: string };

const STATUSES = new Set(['failed', 'timeout', 'memory', 'crashed']);

/** A sandbox's message as the runner may believe it, or an error naming what was wrong with it. */
export function checkSandboxMessage(raw: unknown): SandboxMessage {
  const m = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const result = (typeof m.result === 'object' && m.result !== null ? m.result : {}) as Record<string, unknown>;
  if (m.type === 'ready') return { type: 'ready' };
  if (m.type === 'error' && typeof m.message === 'string') return { type: 'error', message: m.message.slice(0, 500) };
  if (m.type === 'result' && result.status === 'passed') return { type: 'result', result: { status: 'passed' } };
  if (m.type === 'result' && STATUSES.has(result.status as string) && typeof result.message === 'string') {
    return { type: 'result', result: { status: result.status as 'failed', message: result.message.slice(0, 500) } };
  }
  return { type: 'error', message: 'the sandbox sent a malformed message' };
}

/** What the runner needs of a sandbox, whatever the runtime. */
export interface SandboxWorker {
  /** Every message the sandbox sends, unchecked. */
  onMessage(listener: (message: unknown) => void): void;
  /** The sandbox died or could not start. */
  onError(listener: (message: string) => void): void;
  post(message: SandboxInit | string): void;
  /** Kills the sandbox and everything in it. */
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
  const box = inbox();
  worker.onMessage((raw) => box.push(checkSandboxMessage(raw)));
  worker.onError((message) => box.push({ type: 'error', message }));
  return { worker, next: () => box.receive() as Promise<SandboxMessage> };
}

/** The message, or `late` once `ms` have passed. */
async function within<T>(message: Promise<T>, ms: number, late: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(late), ms)));
  const first = await Promise.race([message, deadline]);
  clearTimeout(timer);
  return first;
}

export class FreshInterpreterRunner implements PythonRunner {
  private current: Watched | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  /** Sandboxes started so far: one for a whole batch, plus one after each program that timed out or crashed one. */
  sandboxesStarted = 0;

  constructor(
    private readonly spawn: () => SandboxWorker,
    readonly limits: CodeLimits = DEFAULT_CODE_LIMITS,
    /** How long a sandbox may take to have the next interpreter ready (the first one boots Python). */
    private readonly bootTimeoutMs = 120_000,
  ) {}

  /** Runs programs one at a time (interpreters are large); each gets a fresh interpreter. */
  run(program: string): Promise<CodeRunResult> {
    const result = this.chain.then(() => this.runNow(program));
    this.chain = result.catch(() => undefined);
    return result;
  }

  private sandbox(): Watched {
    if (this.current) return this.current;
    this.current = watch(this.spawn());
    this.current.worker.post({ memoryMb: this.limits.memoryMb });
    this.sandboxesStarted += 1;
    return this.current;
  }

  private retire(): void {
    this.current?.worker.terminate();
    this.current = undefined;
  }

  private async runNow(program: string): Promise<CodeRunResult> {
    const sandbox = this.sandbox();
    const late: SandboxMessage = { type: 'error', message: `no interpreter after ${this.bootTimeoutMs} ms` };
    const ready = await within(sandbox.next(), this.bootTimeoutMs, late);
    if (ready.type !== 'ready') {
      this.retire();
      return { status: 'crashed', message: ready.type === 'error' ? ready.message : 'the interpreter did not start' };
    }
    sandbox.worker.post(program);
    const timeout: SandboxMessage = { type: 'result', result: { status: 'timeout', message: `stopped after ${this.limits.timeoutMs} ms` } };
    const reply = await within(sandbox.next(), this.limits.timeoutMs, timeout);
    const result: CodeRunResult =
      reply.type === 'result' ? reply.result : { status: 'crashed', message: reply.type === 'error' ? reply.message : 'no result' };
    if (result.status === 'timeout' || result.status === 'crashed') this.retire();
    return result;
  }

  close(): void {
    this.retire();
  }
}
