import { describe, expect, it } from 'vitest';
import { aiq, costAtQuality, frontier, qualityAtCost } from './frontier.ts';

const points = [
  { cost: 1, quality: 0.4 },
  { cost: 2, quality: 0.45 },
  { cost: 3, quality: 0.7 },
  { cost: 5, quality: 0.8 },
  { cost: 6, quality: 0.75 },
];

describe('frontier metrics', () => {
  it('keeps the non-decreasing upper convex hull', () => {
    expect(frontier(points).map((p) => p.cost)).toEqual([1, 3, 5]);
  });

  it('interpolates quality at a cost and the cost of a quality on the hull', () => {
    const hull = frontier(points);
    expect(qualityAtCost(hull, 2)).toBeCloseTo(0.55);
    expect(qualityAtCost(hull, 10)).toBeCloseTo(0.8);
    expect(qualityAtCost(hull, 0.5)).toBeNull();
    expect(costAtQuality(hull, 0.75)).toBeCloseTo(4);
    expect(costAtQuality(hull, 0.3)).toBe(1);
    expect(costAtQuality(hull, 0.9)).toBeNull();
  });

  it('AIQ is the mean hull quality over the cost range, flat past the best point', () => {
    // area: (0.4+0.7)/2*2 + (0.7+0.8)/2*2 + 0.8*1 = 1.1 + 1.5 + 0.8 = 3.4 over width 5
    expect(aiq(points)).toBeCloseTo(3.4 / 5);
    expect(aiq([{ cost: 2, quality: 0.5 }])).toBe(0.5);
  });
});
