// The one lab worker of the page (training, evaluation, retraining), started on first use.
import { WorkerClient } from './worker-client.ts';
import type { labHandlers } from '../workers/lab.worker.ts';

let worker: WorkerClient<typeof labHandlers> | undefined;

export function labWorker(): WorkerClient<typeof labHandlers> {
  return (worker ??= new WorkerClient(new Worker(new URL('../workers/lab.worker.ts', import.meta.url), { type: 'module' })));
}
