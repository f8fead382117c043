// Threshold calibration to a target share of premium calls, as RouteLLM's calibrate_threshold: the
// threshold is the quantile of the router's scores that sends the wanted share above it. For N-model
// routers the same idea picks the cost knob lambda that sends the wanted share to premium models.
import { decide } from '../routers/decide.ts';
import type { Prediction } from '../routers/router.ts';

/** The (1 - share) quantile t of `scores`: about a share `share` of them are at or above t (Infinity for share 0). */
export function thresholdForShare(scores: ArrayLike<number>, share: number): number {
  if (!(share >= 0 && share <= 1)) throw new Error(`share must be in [0,1], got ${share}`);
  const sorted = Float64Array.from(scores).sort();
  if (sorted.length === 0) throw new Error('no scores to calibrate on');
  if (share <= 0) return Infinity;
  const k = Math.max(0, Math.min(sorted.length - 1, Math.ceil(sorted.length * (1 - share))));
  return sorted[k]!;
}

/** Share of queries routed to one of `premium` at `lambda` (each query limited to its `allowed` models when given). */
export function premiumShare(
  predictions: readonly Prediction[],
  premium: ReadonlySet<string>,
  lambda: number,
  allowed?: readonly (readonly string[])[],
): number {
  let n = 0;
  predictions.forEach((p, i) => {
    if (premium.has(decide(p.estimates, { lambda, allowed: allowed?.[i] }).model)) n++;
  });
  return n / predictions.length;
}

/** The smallest lambda whose premium share is at most `share` (bisection on a log scale; premium share falls as lambda grows). */
export function lambdaForShare(
  predictions: readonly Prediction[],
  premium: ReadonlySet<string>,
  share: number,
  allowed?: readonly (readonly string[])[],
): number {
  if (premiumShare(predictions, premium, 0, allowed) <= share) return 0;
  let lo = 1e-6,
    hi = 1e4;
  if (premiumShare(predictions, premium, hi, allowed) > share) return hi;
  for (let it = 0; it < 50; it++) {
    const mid = Math.sqrt(lo * hi);
    if (premiumShare(predictions, premium, mid, allowed) <= share) hi = mid;
    else lo = mid;
  }
  return hi;
}
