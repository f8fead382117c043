// The cost/quality slider's scale: positions 0..40 map to lambda on a log scale (0 = quality only; 20 = lambda 1;
// 40 = lambda 100, always the cheapest in practice), and lambda reads as what a point of quality is worth.
import { dollarsPerPoint } from '../../core/routers/decide.ts';

export const SLIDER_MAX = 40;

export function lambdaAt(position: number): number {
  return position <= 0 ? 0 : 10 ** ((position - 20) / 10);
}

export function positionOf(lambda: number): number {
  return lambda <= 0 ? 0 : Math.min(SLIDER_MAX, Math.max(1, Math.round(20 + 10 * Math.log10(lambda))));
}

/** "quality first", or what one point of quality (one answer in a hundred answered well) is worth. */
export function lambdaMeaning(lambda: number): string {
  if (lambda <= 0) return 'quality first: cost ignored';
  const usd = dollarsPerPoint(lambda);
  const shown = usd >= 10 ? usd.toFixed(0) : usd >= 1 ? usd.toFixed(1) : usd.toPrecision(2);
  return `1 point of quality is worth $${shown} per 1,000 messages`;
}
