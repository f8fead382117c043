// Why a router can show below the best single model: how far below it is at the best single model's cost, and how
// sure a test split of this size can be of that (a 95% normal interval on a mean of scores in [0,1], whose variance
// is at most q(1-q)). The lab shows it beside a router that falls short.
import type { EvalReport } from './evaluate.ts';

export interface ShortOfBest {
  /** Best single quality minus the router's at that cost (points of quality, 0..1). */
  gap: number;
  /** Half-width of the 95% interval on the best single model's quality over this test split. */
  margin: number;
  /** Whether the gap is within that margin: the test split cannot tell them apart. */
  withinNoise: boolean;
  nTest: number;
}

export function shortOfBest(report: Pick<EvalReport, 'best_single' | 'quality_at_best_single_cost' | 'n_test'>): ShortOfBest | undefined {
  const best = report.best_single.quality;
  const router = report.quality_at_best_single_cost ?? 0;
  if (router >= best || report.n_test === 0) return undefined;
  const margin = 1.96 * Math.sqrt((best * (1 - best)) / report.n_test);
  return { gap: best - router, margin, withinNoise: best - router <= margin, nTest: report.n_test };
}
