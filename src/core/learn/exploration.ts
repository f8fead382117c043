// The exploration ceiling every online router obeys. The exploratory decision comes from the shared rule
// (decide.ts) like the greedy one, so it never picks a model whose expected cost breaks the user's budget rule
// (over the per-call budget, or not allowed); and a call may explore (act otherwise than the greedy choice) only
// while the share of exploratory calls stays within `maxShare`. Epsilon-greedy's epsilon decays as 1/t (halved
// after EPSILON_HALF_CALLS calls): uniform exploration that never stops costs a fixed share of every later call.
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
export const EPSILON_HALF_CALLS = 1000;

/** Epsilon after `calls` routed calls: epsilon x H / (H + calls), H = EPSILON_HALF_CALLS. */
export function decayedEpsilon(epsilon: number, calls: number): number {
  return (epsilon * EPSILON_HALF_CALLS) / (EPSILON_HALF_CALLS + calls);
}
