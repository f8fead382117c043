// The exploration ceiling every online router obeys. The exploratory decision comes from the shared rule
// (decide.ts) like the greedy one, so it never picks a model whose expected cost breaks the user's budget rule
// (over the per-call budget, or not allowed); and a call may explore (act otherwise than the greedy choice) only
// while the share of exploratory calls stays within `maxShare`. Epsilon-greedy's epsilon decays as 1/t (halved
// after EPSILON_HALF_CALLS calls): uniform exploration that never stops costs a fixed share of every later call; and
// it picks only among plausible models (those that could still beat the greedy choice), not hopeless ones.
import type { Decision } from '../routers/decide.ts';

export interface ExplorationCounts {
  /** Calls routed so far. */
  calls: number;
  /** Of those, calls that acted otherwise than the greedy choice. */
  explored: number;
}

export function withinCeiling(
  greedy: Decision,
  exploring: Decision,
  counts: ExplorationCounts,
  maxShare: number,
): { decision: Decision; explored: boolean } {
  const differs = exploring.model !== greedy.model;
  const explored = differs && counts.explored + 1 <= maxShare * (counts.calls + 1);
  counts.calls++;
  if (explored) counts.explored++;
  return { decision: explored ? exploring : greedy, explored };
}

/** The calls after which epsilon-greedy explores half as often as at the start. */
export const EPSILON_HALF_CALLS = 100;

/** Epsilon after `calls` routed calls: epsilon x H / (H + calls). */
export function decayedEpsilon(epsilon: number, calls: number, halfCalls = EPSILON_HALF_CALLS): number {
  return (epsilon * halfCalls) / (halfCalls + calls);
}

/** Epsilon-greedy's default plausibility: widths of uncertainty a model may fall short of the greedy choice by. */
export const PLAUSIBLE_WIDTHS = 1;

/** The models of a ranking (greedy first) whose quality plus `widths` x their uncertainty reaches the first one's:
 * the ones a random exploratory pick can still learn something useful about. The first is always among them. */
export function plausible<T extends { model: string; quality: number }>(
  ranking: readonly T[],
  width: (model: string) => number,
  widths: number,
): T[] {
  const best = ranking[0]!.quality;
  return ranking.filter((r, i) => i === 0 || r.quality + widths * width(r.model) >= best);
}
