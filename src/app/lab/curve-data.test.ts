import { describe, expect, it } from 'vitest';
import { alignSeries } from './curve-data.ts';

describe('alignSeries', () => {
  it('shares one sorted cost axis and leaves gaps where a series has no point', () => {
    const { xs, ys } = alignSeries([
      {
        label: 'knn',
        kind: 'line',
        points: [
          { cost: 2, quality: 0.8 },
          { cost: 1, quality: 0.6 },
        ],
      },
      { label: 'oracle', kind: 'dot', points: [{ cost: 1.5, quality: 0.9 }] },
    ]);
    expect(xs).toEqual([1, 1.5, 2]);
    expect(ys).toEqual([
      [0.6, null, 0.8],
      [null, 0.9, null],
    ]);
  });

  it('keeps the best quality when a router reaches the same cost twice', () => {
    const { ys } = alignSeries([
      {
        label: 'r',
        kind: 'line',
        points: [
          { cost: 1, quality: 0.5 },
          { cost: 1, quality: 0.7 },
        ],
      },
    ]);
    expect(ys).toEqual([[0.7]]);
  });
});
