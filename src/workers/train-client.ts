// Main-thread handle on the training worker: `await TrainClient.start().train('knn', {k: 20}, data,
// { onProgress, signal })` resolves with the router file; aborting the signal cancels the run in the worker.
import type { RouterFile, TrainingData } from '../core/routers/router.ts';
import type { TrainEvent, TrainRequest } from './train-protocol.ts';

interface Run {
  resolve(result: { file: RouterFile; seconds: number }): void;
  reject(e: Error): void;
  onProgress?: (fraction: number) => void;
}

export class TrainClient {
  private nextId = 1;
  private readonly runs = new Map<number, Run>();

  constructor(
    private readonly worker: Pick<Worker, 'postMessage' | 'terminate'> & { onmessage: ((e: MessageEvent<TrainEvent>) => void) | null },
  ) {
    worker.onmessage = ({ data }) => this.receive(data);
  }

  static start(): TrainClient {
    return new TrainClient(new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' }));
  }

  train(
    router: string,
    options: Record<string, unknown>,
    data: TrainingData,
    control: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
  ): Promise<{ file: RouterFile; seconds: number }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.runs.set(id, { resolve, reject, onProgress: control.onProgress });
      control.signal?.addEventListener('abort', () => this.worker.postMessage({ type: 'cancel', id } satisfies TrainRequest));
      this.worker.postMessage({ type: 'start', id, router, options, data } satisfies TrainRequest);
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const run of this.runs.values()) run.reject(new Error('training worker stopped'));
    this.runs.clear();
  }

  private receive(event: TrainEvent): void {
    const run = this.runs.get(event.id);
    if (!run) return;
    if (event.type === 'progress') return run.onProgress?.(event.fraction);
    this.runs.delete(event.id);
    if (event.type === 'done') run.resolve({ file: event.file, seconds: event.seconds });
    else run.reject(event.cancelled ? new DOMException(event.message, 'AbortError') : new Error(event.message));
  }
}
