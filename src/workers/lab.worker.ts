// The router lab's evaluation, off the main thread (training runs in train.worker.ts): evaluate a trained
// router on the test split (curve over lambda, AIQ, per-task table, reliability of its predicted quality) and place
// each single model on the same axes; replay a dataset as user traffic for an online router (its learning curve).
import { serve } from './rpc.ts';
import { loadRouter, createRouter } from '../core/routers/registry.ts';
import { CostModel } from '../core/routers/shared/cost-model.ts';
import { isOnlineRouter, type Strategy } from '../core/learn/online-router.ts';
import { simulate, type SimulationReport } from '../core/learn/simulate.ts';
import { modelsOf } from '../core/data/sample.ts';
import type { CatalogModel } from '../core/catalog/model.ts';
import { LAMBDAS, bestSingle, evaluate, perTask, type EvalReport, type TaskBreakdown } from '../core/eval/evaluate.ts';
import type { RouterFile } from '../core/routers/router.ts';
import type { RoutingSample } from '../core/data/sample.ts';
import type { CurvePoint } from '../core/eval/frontier.ts';
import { reliability, type Reliability } from '../core/eval/reliability.ts';

export interface EvaluateInput {
  file: RouterFile;
  test: RoutingSample[];
  testEmbeddings: Float32Array[];
  nTrain: number;
  models: string[];
  /** The lambda the per-task table is read at. */
  lambda: number;
}

export interface EvaluateResult {
  report: EvalReport;
  tasks: TaskBreakdown[];
  /** Each model alone on the test set: mean score and total cost. */
  singles: ({ model: string } & CurvePoint)[];
  /** How well the predicted quality matches the observed scores (absent in runs saved by older versions). */
  reliability?: Reliability;
}

export interface SimulateInput {
  strategy: Strategy;
  samples: RoutingSample[];
  embeddings: Float32Array[];
  catalog: CatalogModel[];
  seed: number;
  lambda: number;
}

export const labHandlers = {
  /** The online router started cold on the dataset's models, replayed over it in a seeded order. */
  async simulate(input: SimulateInput): Promise<SimulationReport> {
    const router = createRouter(input.strategy);
    if (!isOnlineRouter(router)) throw new Error(`router "${input.strategy}" does not learn online`);
    const models = modelsOf(input.samples);
    router.begin(models, CostModel.fit({ samples: input.samples, embeddings: [], models, catalog: input.catalog }), input.catalog);
    const window = Math.min(1000, Math.ceil(input.samples.length / 5));
    return simulate({
      router,
      parts: [{ samples: input.samples, embeddings: input.embeddings }],
      seed: input.seed,
      lambda: input.lambda,
      window,
    });
  },

  async evaluate(input: EvaluateInput): Promise<EvaluateResult> {
    const router = loadRouter(input.file);
    const evaluation = await evaluate({
      router,
      test: input.test,
      embeddings: input.testEmbeddings,
      nTrain: input.nTrain,
      models: input.models,
    });
    const nearest = LAMBDAS.reduce((best, l, i) => (Math.abs(l - input.lambda) < Math.abs(LAMBDAS[best]! - input.lambda) ? i : best), 0);
    return {
      report: evaluation.report,
      tasks: perTask(input.test, evaluation, nearest),
      singles: input.models.map((m) => bestSingle(input.test, [m])),
      reliability: reliability(input.test, evaluation.predictions, input.models),
    };
  },
};

serve(labHandlers);
