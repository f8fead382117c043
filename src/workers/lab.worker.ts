// The router lab's evaluation, off the main thread (training runs in train.worker.ts): evaluate a trained
// router on the test split (curve over lambda, AIQ, per-task table, reliability of its predicted quality) and place each single model on the same
// axes; compare two routers' decisions on the same queries (how retraining from feedback moved them).
import { serve } from './rpc.ts';
import { loadRouter } from '../core/routers/registry.ts';
import { decide } from '../core/routers/decide.ts';
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

export interface CompareInput {
  before: RouterFile;
  after: RouterFile;
  queries: { text: string; embedding?: Float32Array }[];
  lambda: number;
}

/** Per query: the model the first router chooses and the one the second chooses. */
export type Changes = { query: string; before: string; after: string }[];

export const labHandlers = {
  async evaluate(input: EvaluateInput): Promise<EvaluateResult> {
    const router = loadRouter(input.file);
    const evaluation = await evaluate({ router, test: input.test, embeddings: input.testEmbeddings, nTrain: input.nTrain, models: input.models });
    const nearest = LAMBDAS.reduce((best, l, i) => (Math.abs(l - input.lambda) < Math.abs(LAMBDAS[best]! - input.lambda) ? i : best), 0);
    return {
      report: evaluation.report,
      tasks: perTask(input.test, evaluation, nearest),
      singles: input.models.map((m) => bestSingle(input.test, [m])),
      reliability: reliability(input.test, evaluation.predictions, input.models),
    };
  },

  async compare(input: CompareInput): Promise<Changes> {
    const [before, after] = [loadRouter(input.before), loadRouter(input.after)];
    const allowed = input.after.models.filter((m) => input.before.models.includes(m));
    const changes: Changes = [];
    for (const q of input.queries) {
      const query = { text: q.text, embedding: q.embedding };
      const [b, a] = await Promise.all([before.predict(query), after.predict(query)]);
      changes.push({ query: q.text, before: decide(b.estimates, { lambda: input.lambda, allowed }).model, after: decide(a.estimates, { lambda: input.lambda, allowed }).model });
    }
    return changes;
  },
};

serve(labHandlers);
