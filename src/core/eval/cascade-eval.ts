// Offline evaluation of the answer-aware cascade on data that keeps responses: the cheap model answers every
// query, the on-device verifier (answers/verifier.ts) scores its answer, and the query escalates to the premium
// model when the answer's keep score falls below a threshold. The keep score (answers/escalation.ts) ranks answers
// by the verifier's doubt per dollar of the premium call, its cost estimated from the cheap call (order
// 'doubt-per-cost', the default), or by the verifier's doubt alone ('doubt'). Cost counts every call made: the
// cheap call always, the premium call as well when escalated (the verifier runs on the device and costs nothing).
// The threshold is calibrated on the whole training split, on scores cross-fitted in folds (answers the scoring
// verifier and cost model never learned from), to the least escalation reaching a target share of the premium
// model's quality; the curve sweeps every threshold on the test split, as the routers' curves sweep lambda.
import type { RoutingSample } from '../data/sample.ts';
import { trainVerifier, verifyAnswer, type Verifier, type VerifierExample } from '../answers/verifier.ts';
import { estimatePremiumCost, fitPremiumCost, keepScore, type PremiumCostModel } from '../answers/escalation.ts';
import { aiq, costAtQuality, frontier, qualityAtCost, type CurvePoint } from './frontier.ts';
import { bestSingle, oracle } from './evaluate.ts';

export interface CascadeEvalInput {
  train: readonly RoutingSample[];
  test: readonly RoutingSample[];
  /** Default: the model cheapest on the training data with responses, and the best-quality one. */
  cheap?: string;
  premium?: string;
  /** Share of the premium model's quality the calibrated threshold aims at (default 0.95). */
  target?: number;
  folds?: number;
  /** Which answers escalate first (default 'doubt-per-cost'). */
  order?: EscalationOrder;
}

/** Escalate by the verifier's doubt per estimated dollar of the premium call, or by its doubt alone. */
export type EscalationOrder = 'doubt-per-cost' | 'doubt';

export interface CascadePoint extends CurvePoint {
  /** Cheap answers whose keep score falls below this escalate. */
  threshold: number;
  /** Share of queries escalated. */
  escalated: number;
}

export interface CascadeReport {
  router: 'cascade';
  check: 'verifier';
  order: EscalationOrder;
  cheap: string;
  premium: string;
  n_train: number;
  n_test: number;
  /** Test samples without both models' outcomes and the cheap response (not in n_test). */
  skipped: number;
  best_single: { model: string; quality: number; cost: number };
  oracle: { quality: number; cost: number };
  curve: CascadePoint[];
  aiq: number;
  aiq_max_cost: number;
  quality_at_best_single_cost: number | null;
  cost_at_95pct_best_quality: number | null;
  /** Area under the ROC curve of the verifier's test scores against the cheap answers' correctness. */
  verifier_auc: number;
  /** The threshold set on the training split, applied to the test split. */
  calibrated: CalibratedPoint & { target: number };
  /** The same threshold on the training split's cross-fitted scores, where it was set. */
  calibrated_on_train: CalibratedPoint;
}

export type CalibratedPoint = CascadePoint & { quality_vs_premium: number; cost_vs_premium: number };

export async function evaluateCascade(input: CascadeEvalInput): Promise<CascadeReport> {
  const { cheap, premium } = cascadeModels(input);
  const usable = (s: RoutingSample) => !!s.outcomes[premium] && !!s.outcomes[cheap]?.response;
  const train = input.train.filter(usable);
  const test = input.test.filter(usable);
  if (train.length < 10 || test.length === 0)
    throw new Error(`too few samples with ${premium}'s outcome and ${cheap}'s response (train ${train.length}, test ${test.length})`);
  const target = input.target ?? 0.95;
  const order = input.order ?? 'doubt-per-cost';
  const models = { cheap, premium };
  const trainScores = await crossFitted(train, models, order, input.folds ?? 5);
  const threshold = calibrate(train, trainScores, models, target);
  const { right, keep: scores } = scored(await trainScorer(train, models), test, cheap, order);
  const curve = sweep(test, scores, cheap, premium);
  const best = bestSingle(test, [cheap, premium]);
  const hull = frontier(curve);
  const reach = costAtQuality(hull, 0.95 * best.quality);
  return {
    router: 'cascade',
    check: 'verifier',
    order,
    cheap,
    premium,
    n_train: train.length,
    n_test: test.length,
    skipped: input.test.length - test.length,
    best_single: best,
    oracle: oracle(test, [cheap, premium]),
    curve,
    aiq: aiq(curve, hull.at(-1)!.cost),
    aiq_max_cost: hull.at(-1)!.cost,
    quality_at_best_single_cost: qualityAtCost(hull, best.cost),
    cost_at_95pct_best_quality: reach === null ? null : reach / best.cost,
    verifier_auc: auc(
      right,
      test.map((s) => s.outcomes[cheap]!.score),
    ),
    calibrated: { ...relative(test, scores, threshold, models), target },
    calibrated_on_train: relative(train, trainScores, threshold, models),
  };
}

function cascadeModels(input: CascadeEvalInput): { cheap: string; premium: string } {
  const models = [...new Set(input.train.flatMap((s) => Object.keys(s.outcomes)))];
  const premium = input.premium ?? bestSingle(input.train, models).model;
  const answered = models.filter((m) => m !== premium && input.train.some((s) => s.outcomes[m]?.response));
  const meanCost = (m: string) =>
    input.train.reduce((c, s) => c + (s.outcomes[m]?.cost ?? 0), 0) / input.train.filter((s) => s.outcomes[m]).length;
  const cheap = input.cheap ?? [...answered].sort((a, b) => meanCost(a) - meanCost(b))[0];
  if (!cheap)
    throw new Error("no model other than the premium one has responses in the training data: the cascade needs the cheap model's answers");
  return { cheap, premium };
}

/** Thresholds that never and always escalate (keep scores lie in [0, 1]). */
const NEVER = 0;
const ALWAYS = 1.01;

const example = (s: RoutingSample, cheap: string): VerifierExample => ({
  query: s.query,
  answer: s.outcomes[cheap]!.response!,
  correct: s.outcomes[cheap]!.score,
});

interface Models {
  cheap: string;
  premium: string;
}

/** The verifier and the premium-cost estimate, both learned from `samples`. */
async function trainScorer(samples: readonly RoutingSample[], m: Models): Promise<{ verifier: Verifier; cost: PremiumCostModel }> {
  const cost = fitPremiumCost(
    samples.map((s) => ({
      query: s.query,
      answer: s.outcomes[m.cheap]!.response!,
      cheapCost: s.outcomes[m.cheap]!.cost,
      premiumCost: s.outcomes[m.premium]!.cost,
    })),
  );
  return { verifier: await trainVerifier(samples.map((s) => example(s, m.cheap))), cost };
}

/** Per sample, the verifier's chance the cheap answer is right and the answer's keep score in `order`. */
function scored(
  scorer: { verifier: Verifier; cost: PremiumCostModel },
  samples: readonly RoutingSample[],
  cheap: string,
  order: EscalationOrder,
): { right: number[]; keep: number[] } {
  const right = samples.map((s) => verifyAnswer(scorer.verifier, s.query, s.outcomes[cheap]!.response!));
  const keep = samples.map((s, i) => {
    if (order === 'doubt') return right[i]!;
    const { response, cost } = s.outcomes[cheap]!;
    return keepScore(right[i]!, estimatePremiumCost(scorer.cost, s.query, response!, cost), scorer.cost.meanCost);
  });
  return { right, keep };
}

/** Each training sample's keep score from a verifier and cost model trained on the other folds. */
async function crossFitted(train: readonly RoutingSample[], m: Models, order: EscalationOrder, folds: number): Promise<number[]> {
  const scores = new Array<number>(train.length);
  for (let f = 0; f < folds; f++) {
    const held = train.filter((_, i) => i % folds === f);
    const { keep } = scored(
      await trainScorer(
        train.filter((_, i) => i % folds !== f),
        m,
      ),
      held,
      m.cheap,
      order,
    );
    held.forEach((_, k) => (scores[k * folds + f] = keep[k]!));
  }
  return scores;
}

/** The cascade's point at `threshold`, with its quality and cost as shares of the premium model's alone. */
function relative(samples: readonly RoutingSample[], scores: readonly number[], threshold: number, m: Models): CalibratedPoint {
  const point = cascadePoint(samples, scores, threshold, m.cheap, m.premium);
  const alone = bestSingle(samples, [m.premium]);
  return { ...point, quality_vs_premium: point.quality / alone.quality, cost_vs_premium: point.cost / alone.cost };
}

/** The lowest threshold (fewest escalations) whose cascade reaches `target` x the premium model's quality; else always escalate. */
function calibrate(train: readonly RoutingSample[], scores: readonly number[], m: Models, target: number): number {
  const goal = target * bestSingle(train, [m.premium]).quality;
  const candidates = [...new Set(scores), ALWAYS].sort((a, b) => a - b);
  return candidates.find((t) => cascadePoint(train, scores, t, m.cheap, m.premium).quality >= goal - 1e-12) ?? ALWAYS;
}

function cascadePoint(
  samples: readonly RoutingSample[],
  scores: readonly number[],
  threshold: number,
  cheap: string,
  premium: string,
): CascadePoint {
  let quality = 0,
    cost = 0,
    escalated = 0;
  samples.forEach((s, i) => {
    const up = scores[i]! < threshold;
    quality += up ? s.outcomes[premium]!.score : s.outcomes[cheap]!.score;
    cost += s.outcomes[cheap]!.cost + (up ? s.outcomes[premium]!.cost : 0);
    escalated += up ? 1 : 0;
  });
  return { threshold, quality: quality / samples.length, cost, escalated: escalated / samples.length };
}

/** Every distinct threshold on the test scores, from never escalating to always. */
function sweep(test: readonly RoutingSample[], scores: readonly number[], cheap: string, premium: string): CascadePoint[] {
  return [NEVER, ...new Set(scores), ALWAYS].sort((a, b) => a - b).map((t) => cascadePoint(test, scores, t, cheap, premium));
}

/** ROC AUC: the chance a right answer scores above a wrong one (ties count half); 0.5 when one class is absent. */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const pos = scores.filter((_, i) => labels[i]! >= 0.5),
    neg = scores.filter((_, i) => labels[i]! < 0.5);
  if (pos.length === 0 || neg.length === 0) return 0.5;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}
