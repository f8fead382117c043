// The page side of the workers' request/response protocol (src/workers/rpc.ts): typed calls with progress
// and cancellation through an AbortSignal.
import type { Handlers, Request, Response } from '../workers/rpc.ts';

export interface CallOptions {
  onProgress?: (fraction: number, note?: string) => void;
  signal?: AbortSignal;
}

type Args<F> = F extends (args: infer A, ...rest: never[]) => unknown ? A : never;
type Result<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

export class WorkerClient<H extends Handlers> {
  private next = 1;
  private readonly pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void; onProgress?: CallOptions['onProgress'] }
  >();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<Response>) => {
      const message = event.data;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      if ('progress' in message) return waiting.onProgress?.(message.progress, message.note);
      this.pending.delete(message.id);
      if ('error' in message) waiting.reject(new Error(message.error));
      else waiting.resolve(message.result);
    });
    worker.addEventListener('error', (event) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`worker failed: ${event.message}`));
      this.pending.clear();
    });
  }

  call<M extends keyof H & string>(method: M, args: Args<H[M]>, options: CallOptions = {}): Promise<Result<H[M]>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(new Error('cancelled'));
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: options.onProgress });
      options.signal?.addEventListener('abort', () => {
        this.post({ id, cancel: true });
        this.pending.delete(id);
        reject(new Error('cancelled'));
      });
      this.post({ id, method, args });
    });
  }

  private post(request: Request): void {
    this.worker.postMessage(request);
  }
}
