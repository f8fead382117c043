// The Node encoder (encoder.ts) on a worker thread, for the gateway: tokenising, the model run and pooling happen
// off the event loop, so named-model calls and the HTTP edge keep moving while a routed call is embedded, and the
// main thread never loads transformers.js or onnxruntime. Texts go to the worker by message and their vectors come
// back with their buffers moved. Batching stays the caller's: one text in, one encoder run, the same vector as in
// process (int8 activations are scaled per batch, so joining concurrent queries would move their vectors).
// A worker that cannot open the encoder, or stops, fails the calls waiting on it with an error that says so.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Backend, Embedder } from '../../core/embed/embedder.ts';
import type { NodeEmbedderOptions } from './encoder.ts';

export type EncoderThreadRequest = { id: number; texts: string[] };

export type EncoderThreadReply =
  | { type: 'ready'; dim: number; backend: Backend; threadId: number }
  | { type: 'failed'; message: string }
  | { type: 'embedded'; id: number; vectors: Float32Array[] }
  | { type: 'error'; id: number; message: string };

type Pending = { resolve(vectors: Float32Array[]): void; reject(e: Error): void };

/**
 * Starts the worker: the compiled module in dist-cli/, or under tests and benches (running from src/) the
 * TypeScript source, loaded through tsx's loader registered inside the worker.
 */
function spawnWorker(options: NodeEmbedderOptions, resourceLimits: ResourceLimits): Worker {
  const settings = { workerData: options, resourceLimits };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./encoder-thread-worker.mjs', import.meta.url), settings);
  // Evaluated code resolves packages from the working directory: tests and benches run from the package root.
  const source = new URL('./encoder-thread-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true, ...settings });
}

export class EncoderThread implements Embedder {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Why the worker stopped, once it has: every later call fails with it. */
  private stopped?: Error;

  private constructor(
    private readonly worker: Worker,
    readonly dim: number,
    readonly backend: Backend,
    /** The worker's thread id (the main thread's is 0). */
    readonly threadId: number,
  ) {
    worker.on('message', (reply: EncoderThreadReply) => this.settle(reply));
    worker.on('error', (e) => this.stop(new Error(`the encoder thread failed: ${e.message}`)));
    worker.on('exit', (code) => this.stop(new Error(`the encoder thread stopped (exit code ${code})`)));
  }

  /**
   * Starts a worker and waits until its encoder is open; rejects with the reason when it cannot open it. `limits`
   * bound the worker's own V8 heap (its young generation, say: the encoder's garbage is tensors that die at once).
   */
  static start(options: NodeEmbedderOptions = {}, limits: ResourceLimits = {}): Promise<EncoderThread> {
    const worker = spawnWorker(options, limits);
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => fail(e.message);
      const onExit = (code: number) => fail(`the worker exited with code ${code}`);
      const fail = (message: string) => {
        worker.off('error', onError).off('exit', onExit);
        void worker.terminate();
        reject(new Error(`the encoder thread could not open the encoder: ${message}`));
      };
      worker.once('message', (reply: EncoderThreadReply) => {
        if (reply.type !== 'ready') return fail(reply.type === 'failed' ? reply.message : `unexpected first message "${reply.type}"`);
        worker.off('error', onError).off('exit', onExit);
        resolve(new EncoderThread(worker, reply.dim, reply.backend, reply.threadId));
      });
      worker.once('error', onError).once('exit', onExit);
    });
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, texts: [...texts] } satisfies EncoderThreadRequest);
    });
  }

  /** The worker's V8 heap limits, as in effect. */
  get resourceLimits(): ResourceLimits {
    return this.worker.resourceLimits ?? {};
  }

  /** Calls `listener` once the worker has stopped (crashed, exited or closed). */
  onStop(listener: (reason: Error) => void): void {
    this.worker.once('exit', () => listener(this.stopped!));
  }

  /** Stops the worker; calls still waiting fail. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private settle(reply: EncoderThreadReply): void {
    if (reply.type !== 'embedded' && reply.type !== 'error') return;
    const waiting = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (reply.type === 'embedded') waiting?.resolve(reply.vectors);
    else waiting?.reject(new Error(`the encoder thread: ${reply.message}`));
  }

  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const waiting of this.pending.values()) waiting.reject(this.stopped);
    this.pending.clear();
  }
}
