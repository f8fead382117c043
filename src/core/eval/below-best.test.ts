// A router below the best single model is explained by the size of the gap against the test split's noise.
import { describe, expect, it } from 'vitest';
import { shortOfBest } from './below-best.ts';

const report = (router: number | null, n: number) => ({
  best_single: { model: 'm', quality: 0.6, cost: 1 },
  quality_at_best_single_cost: router,
  n_test: n,
});

describe('shortOfBest', () => {
  it('is nothing for a router at or above the best single model', () => {
    expect(shortOfBest(report(0.6, 500))).toBeUndefined();
    expect(shortOfBest(report(0.7, 500))).toBeUndefined();
  });

  it('calls a small gap on a small test split noise, and the same gap on a large one real', () => {
    const small = shortOfBest(report(0.58, 100))!;
    expect(small.gap).toBeCloseTo(0.02, 10);
    expect(small.margin).toBeCloseTo(1.96 * Math.sqrt(0.24 / 100), 10);
    expect(small.withinNoise).toBe(true);
    expect(shortOfBest(report(0.58, 10_000))!.withinNoise).toBe(false);
  });

  it('counts a router that never reaches the best single cost as quality 0 there', () => {
    expect(shortOfBest(report(null, 100))!.gap).toBeCloseTo(0.6, 10);
  });
});
