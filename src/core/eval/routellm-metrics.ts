// RouteLLM's metrics for a strong/weak pair, as its evals compute them (routellm/evals/benchmarks.py and
// evaluate.py). Thresholds are calibrated on the router's score per query (its strong-win rate; here the
// strong model's estimated quality minus the weak one's): the edges of ten equal-count bins (linear
// quantiles 0, 0.1, ..., 1); at each edge the strong model takes every query scoring at least it (none at
// the top edge). Each threshold gives a point (share of strong calls %, accuracy %). CPT(x%): the strong
// share where accuracy reaches weak + x * (strong - weak), interpolated along the points; APGR: the
// trapezoid area under accuracy over the strong share, above the weak model's, over the strong model's
// gain on the same range. Repeated bin edges are kept once (RouteLLM's pd.qcut would refuse them);
// CPT interpolates on the last segment starting at or below the target (numpy's interp on rising accuracy).
// A router whose score is the same for every query gives one point: no curve, so APGR and CPT are null.

export interface StrongWeakPoint {
  threshold: number;
  /** Share of queries sent to the strong model, in percent. */
  strongPercent: number;
  /** Mean score of the routed answers, in percent. */
  accuracy: number;
}

export interface RouteLlmMetrics {
  strong: string;
  weak: string;
  strong_accuracy: number;
  weak_accuracy: number;
  apgr: number | null;
  /** Percent of strong calls needed for 20%, 50% and 80% of the quality gap. */
  cpt20: number | null;
  cpt50: number | null;
  cpt80: number | null;
  points: StrongWeakPoint[];
}

/** Linear-interpolation quantile (numpy's default) of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The threshold sweep: one point per distinct bin edge of the scores. */
export function thresholdSweep(
  scores: readonly number[],
  strong: readonly number[],
  weak: readonly number[],
  bins = 10,
): StrongWeakPoint[] {
  if (scores.length === 0 || scores.length !== strong.length || strong.length !== weak.length) {
    throw new Error('thresholdSweep: scores, strong and weak outcomes must be non-empty and of one length');
  }
  const sorted = [...scores].sort((a, b) => a - b);
  const edges = [...new Set(Array.from({ length: bins + 1 }, (_, i) => quantile(sorted, i / bins)))];
  return edges.map((threshold, i) => {
    const last = i === edges.length - 1;
    let calls = 0,
      total = 0;
    scores.forEach((s, q) => {
      const toStrong = last ? s > threshold : s >= threshold;
      calls += toStrong ? 1 : 0;
      total += toStrong ? strong[q]! : weak[q]!;
    });
    return { threshold, strongPercent: (calls / scores.length) * 100, accuracy: (total / scores.length) * 100 };
  });
}

/** numpy.interp(x, xp, fp) on the segment whose start is the last at or below x. */
function interp(x: number, xp: readonly number[], fp: readonly number[]): number {
  if (x <= xp[0]!) return fp[0]!;
  if (x >= xp.at(-1)!) return fp.at(-1)!;
  let j = 0;
  for (let i = 0; i < xp.length - 1; i++) if (xp[i]! <= x) j = i;
  return fp[j]! + ((fp[j + 1]! - fp[j]!) * (x - xp[j]!)) / (xp[j + 1]! - xp[j]!);
}

function trapezoid(y: readonly number[], x: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((y[i]! + y[i - 1]!) / 2) * (x[i]! - x[i - 1]!);
  return area;
}

/** APGR and CPT from sweep points and the two models' accuracies (percent). */
export function routeLlmMetrics(
  points: readonly StrongWeakPoint[],
  weakAccuracy: number,
  strongAccuracy: number,
): Omit<RouteLlmMetrics, 'strong' | 'weak'> {
  const sorted = [...points].sort((a, b) => a.strongPercent - b.strongPercent);
  const base = { strong_accuracy: strongAccuracy, weak_accuracy: weakAccuracy, points: sorted };
  if (sorted.length < 2) return { ...base, apgr: null, cpt20: null, cpt50: null, cpt80: null };
  const share = sorted.map((p) => p.strongPercent / 100);
  const accuracy = sorted.map((p) => p.accuracy);
  const percent = sorted.map((p) => p.strongPercent);
  const cpt = (x: number) => interp(x * (strongAccuracy - weakAccuracy) + weakAccuracy, accuracy, percent);
  const range = share.at(-1)! - share[0]!;
  const apgr = (trapezoid(accuracy, share) - weakAccuracy * range) / ((strongAccuracy - weakAccuracy) * range);
  return { ...base, apgr, cpt20: cpt(0.2), cpt50: cpt(0.5), cpt80: cpt(0.8) };
}

/** RouteLLM's metrics from per-query router scores and the two models' scores (in [0, 1]). */
export function routeLlm(
  pair: { strong: string; weak: string },
  scores: readonly number[],
  strong: readonly number[],
  weak: readonly number[],
): RouteLlmMetrics {
  const mean = (v: readonly number[]) => (v.reduce((a, b) => a + b, 0) / v.length) * 100;
  return { ...pair, ...routeLlmMetrics(thresholdSweep(scores, strong, weak), mean(weak), mean(strong)) };
}
