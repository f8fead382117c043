// The shared decision rule: maximise quality - lambda * cost among allowed models, ties to the cheaper.
import type { ModelEstimate } from './router.ts';

export interface Policy {
  /** Cost/quality knob: 0 ignores cost; 1 gives up one quality point to go from the dearest candidate to a free one. */
  lambda: number;
  /** Models the user enabled; all estimated models when absent. */
  allowed?: readonly string[];
  /** Largest estimated USD cost one call may have; dearer models are excluded (the cheapest stays if none fit). */
  budget?: number;
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
  const scale = Math.max(...candidates.map((e) => e.cost)) || 1;
  const ranking = candidates
    .map((e) => ({ ...e, utility: e.quality - (policy.lambda * e.cost) / scale }))
    .sort((a, b) => (Math.abs(a.utility - b.utility) > TIE ? b.utility - a.utility : a.cost - b.cost));
  return { model: ranking[0]!.model, ranking };
}

function minBy<T>(items: readonly T[], key: (item: T) => number): T {
  return items.reduce((best, item) => (key(item) < key(best) ? item : best));
}
