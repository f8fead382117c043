// The router lab's evaluation, off the main thread (training runs in train.worker.ts): evaluate a trained
// router on the test split (curve over lambda, AIQ, per-task table) and place each single model on the same
// axes.
import { serve } from './rpc.ts';
import { loadRouter } from '../core/routers/registry.ts';
import { LAMBDAS, bestSingle, evaluate, perTask, type EvalReport, type TaskBreakdown } from '../core/eval/evaluate.ts';
import type { RouterFile } from '../core/routers/router.ts';
import type { RoutingSample } from '../core/data/sample.ts';
import type { CurvePoint } from '../core/eval/frontier.ts';

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
}

export const labHandlers = {
  async evaluate(input: EvaluateInput): Promise<EvaluateResult> {
    const router = loadRouter(input.file);
    const evaluation = await evaluate({ router, test: input.test, embeddings: input.testEmbeddings, nTrain: input.nTrain, models: input.models });
    const nearest = LAMBDAS.reduce((best, l, i) => (Math.abs(l - input.lambda) < Math.abs(LAMBDAS[best]! - input.lambda) ? i : best), 0);
    return { report: evaluation.report, tasks: perTask(input.test, evaluation, nearest), singles: input.models.map((m) => bestSingle(input.test, [m])) };
  },
};

serve(labHandlers);
