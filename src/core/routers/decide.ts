// The shared decision rule: maximise quality - lambda * cost / costScale among allowed models, ties to the cheaper.
// Lambda has one fixed meaning, whatever models are enabled: with the default cost scale (USD 0.10 a call),
// one point of quality (one answer in a hundred more answered well) is worth USD 1/lambda per thousand messages,
// so enabling a dearer model never changes the choice between two others.
import type { ModelEstimate } from './router.ts';

/** USD per call that lambda = 1 weighs against the whole quality scale (quality 0 to 1). */
export const COST_SCALE_USD = 0.1;

/**
 * The one default setting of the app, `llmrouter route`/`chat` and `llmrouter serve`: λ = 10^-0.8 (a step of the
 * app's slider), at which one quality point (one answer in a hundred more answered well) is worth USD 6.31 per
 * thousand messages. At it the shipped router sends what every model answers to a cheap model and what separates
 * them to a most able one (bench/discrimination.json).
 */
export const DEFAULT_LAMBDA = 10 ** -0.8;

export interface Policy {
  /** Cost/quality knob: 0 ignores cost; otherwise one quality point is worth USD 1/lambda per thousand messages (dollarsPerPoint). */
  lambda: number;
  /** Models the user enabled; all estimated models when absent. */
  allowed?: readonly string[];
  /** Largest estimated USD cost one call may have; dearer models are excluded (the cheapest stays if none fit). */
  budget?: number;
  /** USD per call that lambda = 1 weighs against the quality scale (default COST_SCALE_USD); evaluations over
   * datasets of very different prices set it from the dataset, once for all its queries. */
  costScale?: number;
}

export interface Decision {
  model: string;
  /** Every allowed model, best first under the policy: the fallback chain is `ranking.slice(1)`. */
  ranking: (ModelEstimate & { utility: number })[];
}

const TIE = 1e-9;

export function decide(estimates: readonly ModelEstimate[], policy: Policy): Decision {
  const allowed = policy.allowed ? new Set(policy.allowed) : null;
  let candidates = estimates.filter((e) => !allowed || allowed.has(e.model));
  if (candidates.length === 0) throw new Error('no allowed model has an estimate: enable at least one model the router knows');
  if (policy.budget !== undefined) {
    const affordable = candidates.filter((e) => e.cost <= policy.budget!);
    candidates = affordable.length > 0 ? affordable : [minBy(candidates, (e) => e.cost)];
  }
  const scale = policy.costScale ?? COST_SCALE_USD;
  const ranking = candidates
    .map((e) => ({ ...e, utility: e.quality - (policy.lambda * e.cost) / scale }))
    .sort((a, b) => (Math.abs(a.utility - b.utility) > TIE ? b.utility - a.utility : a.cost - b.cost));
  return { model: ranking[0]!.model, ranking };
}

/** What lambda means to a person: USD per thousand messages that one point of quality is worth (Infinity at 0). */
export function dollarsPerPoint(lambda: number, costScale = COST_SCALE_USD): number {
  return lambda <= 0 ? Infinity : (10 * costScale) / lambda;
}

/** The lambda at which one point of quality is worth `usd` per thousand messages (inverse of dollarsPerPoint). */
export function lambdaForDollarsPerPoint(usd: number, costScale = COST_SCALE_USD): number {
  if (!(usd > 0)) throw new Error(`dollars per point must be positive, got ${usd}`);
  return usd === Infinity ? 0 : (10 * costScale) / usd;
}

function minBy<T>(items: readonly T[], key: (item: T) => number): T {
  return items.reduce((best, item) => (key(item) < key(best) ? item : best));
}
