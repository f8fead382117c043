// The page's lab workers, started on first use: training (train.worker.ts, with progress and cancel) and
// evaluation (lab.worker.ts).
import { WorkerClient } from './worker-client.ts';
import { TrainClient } from '../workers/train-client.ts';
import type { labHandlers } from '../workers/lab.worker.ts';

let lab: WorkerClient<typeof labHandlers> | undefined;
let trainer: TrainClient | undefined;

export function labWorker(): WorkerClient<typeof labHandlers> {
  return (lab ??= new WorkerClient(new Worker(new URL('../workers/lab.worker.ts', import.meta.url), { type: 'module' })));
}

export function trainWorker(): TrainClient {
  return (trainer ??= TrainClient.start());
}
