// The training worker's handler in a Node worker thread, so the benchmark times training "in a worker".
import { parentPort } from 'node:worker_threads';
import { createTrainHandler } from '../src/workers/train-handler.ts';
import type { TrainRequest } from '../src/workers/train-protocol.ts';

const handle = createTrainHandler((event) => parentPort!.postMessage(event));
parentPort!.on('message', (req: TrainRequest) => void handle(req));
