// The cascade's escalation threshold, calibrated on data as AutoMix calibrates it on a validation set: for
// labelled points (the cheap model's verification score, and whether its answer was right), the threshold
// that maximises the mean of quality - lambda x cost (cost scaled by the cascade's dearest path), where a kept
// answer has the cheap model's quality and cost and an escalated one the premium model's quality at both costs.
import { z } from 'zod';

export const calibrationPointSchema = z.object({
  /** The cheap model's self-verification score in [0,1]. */
  score: z.number().min(0).max(1),
  /** Whether the cheap answer was right (1) or not (0), or a rating in [0,1]. */
  cheapCorrect: z.number().min(0).max(1),
});
export type CalibrationPoint = z.infer<typeof calibrationPointSchema>;

export interface CascadeEconomics {
  lambda: number;
  /** USD of the cheap answer with its verification, and of the premium answer. */
  cheapCost: number;
  premiumCost: number;
  /** The premium model's expected quality in [0,1] (the router's estimate). */
  premiumQuality: number;
}

export interface CascadeThreshold {
  value: number;
  /** How many labelled points it was calibrated on (0: the prior, no data yet). */
  calibratedOn: number;
}

/** The threshold used before any labelled point exists: escalate when fewer than half the votes say yes. */
export const PRIOR_THRESHOLD = 0.5;

/** The threshold maximising mean utility on the points; ties go to the lower threshold (fewer escalations). */
export function calibrateThreshold(points: readonly CalibrationPoint[], economics: CascadeEconomics): CascadeThreshold {
  if (points.length === 0) return { value: PRIOR_THRESHOLD, calibratedOn: 0 };
  const scale = economics.cheapCost + economics.premiumCost || 1;
  const kept = (p: CalibrationPoint) => p.cheapCorrect - (economics.lambda * economics.cheapCost) / scale;
  const escalated = economics.premiumQuality - economics.lambda;
  // Escalating below t: every distinct score is a candidate, and above the largest (always escalate).
  const candidates = [...new Set(points.map((p) => p.score)), 1 + 1e-9].sort((a, b) => a - b);
  let best = { value: candidates[0]!, utility: -Infinity };
  for (const t of candidates) {
    const utility = points.reduce((sum, p) => sum + (p.score >= t ? kept(p) : escalated), 0) / points.length;
    if (utility > best.utility + 1e-12) best = { value: t, utility };
  }
  return { value: Math.min(best.value, 1), calibratedOn: points.length };
}
