// The router lab's heavy work, off the main thread: train a router (with progress and cancel), evaluate it
// on the test split (curve over lambda, AIQ, per-task table) and place each single model on the same axes.
import { serve } from './rpc.ts';
import { routerEntry } from '../core/routers/registry.ts';
import { LAMBDAS, bestSingle, evaluate, perTask, type EvalReport, type TaskBreakdown } from '../core/eval/evaluate.ts';
import type { RouterFile } from '../core/routers/router.ts';
import type { RoutingSample } from '../core/data/sample.ts';
import type { CatalogModel } from '../core/catalog/model.ts';
import type { CurvePoint } from '../core/eval/frontier.ts';

export interface LabRunInput {
  router: string;
  options?: Record<string, unknown>;
  train: RoutingSample[];
  trainEmbeddings: Float32Array[];
  test: RoutingSample[];
  testEmbeddings: Float32Array[];
  models: string[];
  catalog: CatalogModel[];
  /** The lambda the per-task table is read at. */
  lambda: number;
}

export interface LabRunResult {
  file: RouterFile;
  report: EvalReport;
  tasks: TaskBreakdown[];
  /** Each model alone on the test set: mean score and total cost. */
  singles: ({ model: string } & CurvePoint)[];
  trainMs: number;
}

export const labHandlers = {
  async run(input: LabRunInput, call: { progress(f: number, note?: string): void; signal: AbortSignal }): Promise<LabRunResult> {
    const entry = routerEntry(input.router);
    const router = entry.create(input.options);
    // Routers that read the true outcomes (the oracle) are fitted on the test set itself.
    const [samples, embeddings] = entry.evaluationOnly ? [input.test, input.testEmbeddings] : [input.train, input.trainEmbeddings];
    const started = performance.now();
    await router.fit(
      { samples, embeddings: router.needsEmbedding ? embeddings : [], models: input.models, catalog: input.catalog },
      { onProgress: (f) => call.progress(f * 0.9, 'training'), signal: call.signal },
    );
    const trainMs = performance.now() - started;
    call.progress(0.9, 'evaluating');
    const evaluation = await evaluate({ router, test: input.test, embeddings: input.testEmbeddings, nTrain: samples.length, models: input.models });
    const nearest = LAMBDAS.reduce((best, l, i) => (Math.abs(l - input.lambda) < Math.abs(LAMBDAS[best]! - input.lambda) ? i : best), 0);
    return { file: router.toJSON(), report: evaluation.report, tasks: perTask(input.test, evaluation, nearest), singles: input.models.map((m) => bestSingle(input.test, [m])), trainMs };
  },
};

serve(labHandlers);
