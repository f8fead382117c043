// Evaluates a trained router on a test set with per-model outcomes: routes every query once, applies
// the shared decision rule over a grid of lambda values (each query limited to the models that were
// run on it), scores the choices with the true outcomes, and reports the DESIGN.md metrics; on two-model
// data also RouteLLM's (APGR, CPT) from a threshold sweep over the strong model's estimated advantage. A missing
// outcome means "not run", never "scored 0": a test sample with no outcome for any model the router knows cannot
// be scored and is skipped (counted in `skipped`), and a single model is judged on the samples it was run on.
import type { RoutingSample } from '../data/sample.ts';
import { decide } from '../routers/decide.ts';
import type { Prediction, Router } from '../routers/router.ts';
import { aiq, costAtQuality, frontier, qualityAtCost, type CurvePoint } from './frontier.ts';
import { routeLlm, type RouteLlmMetrics } from './routellm-metrics.ts';
import { own } from '../data/named-record.ts';

/** Lambda values of the curve: dense where routers trade most, up to "always the cheapest". */
export const LAMBDAS = [0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 1000];

export interface EvalReport {
  router: string;
  n_train: number;
  n_test: number;
  models: string[];
  best_single: { model: string; quality: number; cost: number };
  oracle: { quality: number; cost: number };
  curve: ({ lambda: number } & CurvePoint)[];
  /** RouterBench's AIQ over [cheapest hull point, aiq_max_cost], the maximum shared by the routers
   * compared: this router's own hull end until withSharedAiq compares it with others. */
  aiq: number;
  aiq_max_cost: number;
  quality_at_best_single_cost: number | null;
  cost_at_95pct_best_quality: number | null;
  /** Test samples skipped because none of the evaluated models was run on them (not in n_test). */
  skipped: number;
  /** RouteLLM's metrics, for two-model data (strong: the costlier model). */
  routellm?: RouteLlmMetrics;
}

export interface TaskBreakdown {
  task: string;
  n: number;
  quality: number;
  cost: number;
  best_single: { model: string; quality: number };
  oracle_quality: number;
}

export interface EvalInput {
  router: Router;
  test: readonly RoutingSample[];
  /** Query embeddings aligned with `test` (empty for text-only routers). */
  embeddings: readonly Float32Array[];
  nTrain: number;
  /** Models to evaluate among (default: every model in the test outcomes the router estimates). */
  models?: readonly string[];
  lambdas?: readonly number[];
  /** Called after each test query is predicted, with the number done so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface Evaluation {
  report: EvalReport;
  predictions: Prediction[];
  /** Per query, the model chosen at each lambda of the curve (empty for a skipped sample). */
  choices: string[][];
  /** Mean milliseconds of one `predict` (after the embedding). */
  msPerQuery: number;
}

export async function evaluate(input: EvalInput): Promise<Evaluation> {
  const { router, test } = input;
  if (test.length === 0) throw new Error('the test set is empty');
  const predictions: Prediction[] = [];
  const started = performance.now();
  for (let i = 0; i < test.length; i++) {
    predictions.push(await router.predict({ text: test[i]!.query, embedding: input.embeddings[i] }));
    input.onProgress?.(i + 1, test.length);
  }
  const msPerQuery = (performance.now() - started) / test.length;
  const estimated = new Set(predictions[0]!.estimates.map((e) => e.model));
  const models = (input.models ?? modelsIn(test)).filter((m) => estimated.has(m));
  if (models.length === 0) throw new Error('the router estimates none of the models in the test outcomes: it was trained on other models');
  const allowed = test.map((s) => models.filter((m) => own(s.outcomes, m) !== undefined));
  const scored = test.filter((_, i) => allowed[i]!.length > 0);
  if (scored.length === 0)
    throw new Error(`none of the ${test.length} test samples has an outcome for a model the router knows (${models.join(', ')})`);
  const lambdas = input.lambdas ?? LAMBDAS;
  const choices = test.map(() => [] as string[]);
  const costScale = datasetCostScale(predictions, models);
  const curve = lambdas.map((lambda) => {
    let quality = 0,
      cost = 0;
    test.forEach((s, i) => {
      if (allowed[i]!.length === 0) return;
      const model = decide(predictions[i]!.estimates, { lambda, allowed: allowed[i], costScale }).model;
      choices[i]!.push(model);
      quality += own(s.outcomes, model)!.score;
      cost += own(s.outcomes, model)!.cost;
    });
    return { lambda, quality: quality / scored.length, cost };
  });
  const best = bestSingle(scored, models);
  const hull = frontier(curve);
  const reach = costAtQuality(hull, 0.95 * best.quality);
  const aiqMaxCost = hull.at(-1)!.cost;
  return {
    predictions,
    choices,
    msPerQuery,
    report: {
      router: router.name,
      n_train: input.nTrain,
      n_test: scored.length,
      models,
      best_single: best,
      oracle: oracle(scored, models),
      curve,
      aiq: aiq(curve, aiqMaxCost),
      aiq_max_cost: aiqMaxCost,
      quality_at_best_single_cost: qualityAtCost(hull, best.cost),
      cost_at_95pct_best_quality: reach === null ? null : reach / best.cost,
      skipped: test.length - scored.length,
      ...(models.length === 2 ? { routellm: strongWeak(test, predictions, models) } : {}),
    },
  };
}

/** RouteLLM's metrics on the queries both models ran: the strong model is the costlier, the score its estimated advantage. */
function strongWeak(test: readonly RoutingSample[], predictions: readonly Prediction[], models: readonly string[]): RouteLlmMetrics {
  const total = (m: string) => test.reduce((c, s) => c + (own(s.outcomes, m)?.cost ?? 0), 0);
  const [weak, strong] = [...models].sort((a, b) => total(a) - total(b)) as [string, string];
  const rows = test.map((_, i) => i).filter((i) => own(test[i]!.outcomes, strong) && own(test[i]!.outcomes, weak));
  const quality = (i: number, m: string) => predictions[i]!.estimates.find((e) => e.model === m)!.quality;
  return routeLlm(
    { strong, weak },
    rows.map((i) => quality(i, strong) - quality(i, weak)),
    rows.map((i) => own(test[i]!.outcomes, strong)!.score),
    rows.map((i) => own(test[i]!.outcomes, weak)!.score),
  );
}

/** The reports with every AIQ recomputed over the one cost range they share (RouterBench compares routers so). */
export function withSharedAiq(reports: readonly EvalReport[]): EvalReport[] {
  const max = Math.max(...reports.map((r) => r.aiq_max_cost));
  return reports.map((r) => ({ ...r, aiq: aiq(r.curve, max), aiq_max_cost: max }));
}

/** Every model with an outcome in the samples, first seen first. */
function modelsIn(samples: readonly RoutingSample[]): string[] {
  const seen = new Set<string>();
  for (const s of samples) for (const m of Object.keys(s.outcomes)) seen.add(m);
  return [...seen];
}

/**
 * The model with the best mean score on the samples (ties to the cheaper), with its total cost. A model is
 * judged on the samples it was run on (a missing outcome is not a 0), and its cost is its mean cost per
 * run times the number of samples, so it compares with a router's total over the same samples.
 */
export function bestSingle(samples: readonly RoutingSample[], models: readonly string[]): { model: string; quality: number; cost: number } {
  const rows = models.map((model) => {
    let q = 0,
      c = 0,
      n = 0;
    for (const s of samples) {
      const o = own(s.outcomes, model);
      if (o) (q += o.score), (c += o.cost), n++;
    }
    return n === 0 ? { model, quality: 0, cost: Infinity } : { model, quality: q / n, cost: (c / n) * samples.length };
  });
  return rows.reduce((a, b) => (b.quality > a.quality + 1e-12 || (Math.abs(b.quality - a.quality) <= 1e-12 && b.cost < a.cost) ? b : a));
}

/** Per query, the cheapest model that scored best. */
export function oracle(samples: readonly RoutingSample[], models: readonly string[]): { quality: number; cost: number } {
  let quality = 0,
    cost = 0;
  for (const s of samples) {
    let best: { score: number; cost: number } | undefined;
    for (const m of models) {
      const o = own(s.outcomes, m);
      if (o && (!best || o.score > best.score + 1e-12 || (Math.abs(o.score - best.score) <= 1e-12 && o.cost < best.cost))) best = o;
    }
    if (best) (quality += best.score), (cost += best.cost);
  }
  return { quality: quality / samples.length, cost };
}

/**
 * The curve's cost scale: the dearest evaluated model's mean estimated cost over the test set. One scale for
 * every query (so a query's choice never depends on which other models ran on it), and lambdas of the grid mean
 * the same trade-off on cheap and dear datasets.
 */
export function datasetCostScale(predictions: readonly Prediction[], models: readonly string[]): number {
  const wanted = new Set(models);
  const totals = new Map<string, number>();
  for (const p of predictions)
    for (const e of p.estimates) if (wanted.has(e.model)) totals.set(e.model, (totals.get(e.model) ?? 0) + e.cost);
  return Math.max(...totals.values()) / predictions.length || 1;
}

/** Quality and cost per task at one lambda of the curve (by its index), against each task's best single model and oracle. */
export function perTask(test: readonly RoutingSample[], evaluation: Evaluation, lambdaIndex: number): TaskBreakdown[] {
  const byTask = new Map<string, number[]>();
  test.forEach((s, i) => {
    if (evaluation.choices[i]!.length === 0) return;
    const key = s.task ?? '(none)';
    byTask.set(key, [...(byTask.get(key) ?? []), i]);
  });
  const models = evaluation.report.models;
  return [...byTask].map(([task, rows]) => {
    const samples = rows.map((i) => test[i]!);
    let quality = 0,
      cost = 0;
    for (const i of rows) {
      const o = own(test[i]!.outcomes, evaluation.choices[i]![lambdaIndex]!)!;
      (quality += o.score), (cost += o.cost);
    }
    const best = bestSingle(samples, models);
    return {
      task,
      n: rows.length,
      quality: quality / rows.length,
      cost,
      best_single: { model: best.model, quality: best.quality },
      oracle_quality: oracle(samples, models).quality,
    };
  });
}
