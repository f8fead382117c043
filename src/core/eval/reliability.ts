// Calibration of predicted quality: the reliability diagram (predicted vs observed quality in equal-width bins)
// and the expected calibration error (the bins' gaps weighted by how many predictions fall in each), over every
// (query, model) pair of a test set where the model was run.
import type { RoutingSample } from '../data/sample.ts';
import type { Prediction } from '../routers/router.ts';
import { own } from '../data/named-record.ts';

export interface ReliabilityBin {
  /** Lower edge of the bin, in [0,1). */
  from: number;
  n: number;
  predicted: number;
  observed: number;
}

export interface Reliability {
  bins: ReliabilityBin[];
  /** Expected calibration error: sum over bins of n/N x |predicted - observed|. */
  ece: number;
  pairs: number;
}

/** Reliability of the predictions on the test samples, over the given models (default: every estimated model). */
export function reliability(
  test: readonly RoutingSample[],
  predictions: readonly Prediction[],
  models?: readonly string[],
  bins = 10,
): Reliability {
  const wanted = models ? new Set(models) : undefined;
  const sums = Array.from({ length: bins }, (_, b) => ({ from: b / bins, n: 0, predicted: 0, observed: 0 }));
  test.forEach((s, i) => {
    for (const e of predictions[i]!.estimates) {
      const outcome = own(s.outcomes, e.model);
      if (!outcome || (wanted && !wanted.has(e.model))) continue;
      const bin = sums[Math.min(bins - 1, Math.floor(Math.min(1, Math.max(0, e.quality)) * bins))]!;
      bin.n++;
      bin.predicted += e.quality;
      bin.observed += outcome.score;
    }
  });
  const pairs = sums.reduce((a, b) => a + b.n, 0);
  if (pairs === 0) throw new Error('no (query, model) pair of the test set has both an estimate and an outcome');
  const filled = sums.filter((b) => b.n > 0).map((b) => ({ ...b, predicted: b.predicted / b.n, observed: b.observed / b.n }));
  return { bins: filled, ece: filled.reduce((a, b) => a + (b.n / pairs) * Math.abs(b.predicted - b.observed), 0), pairs };
}
