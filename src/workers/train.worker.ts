// Web Worker that trains routers off the main thread (see train-handler.ts for the logic).
import { createTrainHandler } from './train-handler.ts';
import type { TrainRequest } from './train-protocol.ts';

const handle = createTrainHandler((event) => self.postMessage(event));
self.onmessage = ({ data }: MessageEvent<TrainRequest>) => void handle(data);
