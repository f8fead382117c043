// The router lab's heavy work, off the main thread: train a router (with progress and cancel), evaluate it
// on the test split (curve over lambda, AIQ, per-task table) and place each single model on the same axes;
// retrain a router on its data plus the user's logged feedback and show which decisions moved.
import { serve } from './rpc.ts';
import { loadRouter, routerEntry } from '../core/routers/registry.ts';
import { decide } from '../core/routers/decide.ts';
import { LAMBDAS, bestSingle, evaluate, perTask, type EvalReport, type TaskBreakdown } from '../core/eval/evaluate.ts';
import type { RouterFile } from '../core/routers/router.ts';
import { modelsOf, type RoutingSample } from '../core/data/sample.ts';
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

export interface RetrainInput {
  /** The router being improved: its kind and options are kept. */
  base: RouterFile;
  samples: RoutingSample[];
  embeddings: Float32Array[];
  catalog: CatalogModel[];
  /** Queries to compare the decisions of the base and the retrained router on (the logged ones). */
  probe: { text: string; embedding?: Float32Array }[];
  lambda: number;
}

export interface RetrainResult {
  file: RouterFile;
  /** Per probe query: the model the base chose and the one the retrained router chooses. */
  changes: { query: string; before: string; after: string }[];
}

export const labHandlers = {
  /** Fits a fresh router of the base's kind and options on new data, and shows how its decisions moved. */
  async retrain(input: RetrainInput, call: { progress(f: number): void; signal: AbortSignal }): Promise<RetrainResult> {
    const before = loadRouter(input.base);
    const after = routerEntry(input.base.router).create(input.base.options as Record<string, unknown>);
    const models = modelsOf(input.samples);
    await after.fit(
      { samples: input.samples, embeddings: after.needsEmbedding ? input.embeddings : [], models, catalog: input.catalog },
      { onProgress: call.progress, signal: call.signal },
    );
    const changes = [];
    for (const q of input.probe) {
      const query = { text: q.text, embedding: q.embedding };
      const policy = { lambda: input.lambda, allowed: models };
      const [b, a] = await Promise.all([before.predict(query), after.predict(query)]);
      changes.push({ query: q.text, before: decide(b.estimates, policy).model, after: decide(a.estimates, policy).model });
    }
    return { file: after.toJSON(), changes };
  },

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
