// The messages between the app and the training worker: start a training run, cancel it; the worker
// answers with progress, the trained router's file, or an error (cancelled runs say so).
import type { RouterFile, TrainingData } from '../core/routers/router.ts';

export type TrainRequest =
  | { type: 'start'; id: number; router: string; options: Record<string, unknown>; data: TrainingData }
  | { type: 'cancel'; id: number };

export type TrainEvent =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'done'; id: number; file: RouterFile; seconds: number }
  | { type: 'error'; id: number; message: string; cancelled: boolean };
