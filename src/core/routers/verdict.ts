// The decision in words, beside its figures: whether the query is one every allowed model answers well (the cheapest
// is enough) or one that separates them (the most able is expected to answer well, the cheapest is not), read from
// the predicted qualities of the most able and the cheapest allowed model. Estimates that are thresholds say nothing.
import type { ModelEstimate } from './router.ts';

/** Quality gap (most able minus cheapest) at or under which the query counts as easy for every model. */
export const EASY_GAP = 0.02;
/** Gap from which it counts as hard: the cheapest model is expected to fail noticeably more often. */
export const HARD_GAP = 0.1;

const pct = (q: number) => `${Math.round(q * 100)}%`;

/** "easy for every model: the cheapest is enough", "hard: gpt-5 is expected to answer well, gpt-5-nano is not", ... */
export function verdict(estimates: readonly ModelEstimate[]): string | undefined {
  const scored = estimates.filter((e) => !e.threshold);
  if (scored.length < 2) return undefined;
  const able = scored.reduce((a, b) => (b.quality > a.quality || (b.quality === a.quality && b.cost < a.cost) ? b : a));
  const cheapest = scored.reduce((a, b) => (b.cost < a.cost ? b : a));
  const gap = able.quality - cheapest.quality;
  if (gap <= EASY_GAP) return `easy for every model: the cheapest (${cheapest.model}, ${pct(cheapest.quality)}) is enough`;
  if (gap >= HARD_GAP)
    return `hard: ${able.model} is expected to answer well (${pct(able.quality)}), ${cheapest.model} is not (${pct(cheapest.quality)})`;
  return `in between: ${able.model} ${pct(able.quality)}, ${cheapest.model} ${pct(cheapest.quality)}`;
}
