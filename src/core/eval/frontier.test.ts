import { describe, expect, it } from 'vitest';
import { aiq, aiqCompared, costAtQuality, frontier, qualityAtCost, sharedMaxCost } from './frontier.ts';

const points = [
  { cost: 1, quality: 0.4 },
  { cost: 2, quality: 0.45 },
  { cost: 3, quality: 0.7 },
  { cost: 5, quality: 0.8 },
  { cost: 6, quality: 0.75 },
];

const curve = (pairs: [number, number][]) => pairs.map(([cost, quality]) => ({ cost, quality }));

// RouterBench's worked example: these curves through its own evaluation/AIQ.py
// (get_non_descreasing_convex_hull_of and calc_AIQ, numpy 2.4, pandas 3.0) gave the hulls and AIQs below.
const routerBench = {
  a: curve([
    [1, 0.5],
    [2, 0.6],
    [3, 0.62],
    [4, 0.75],
    [5, 0.7],
    [6, 0.74],
  ]),
  b: curve([
    [0.5, 0.4],
    [1.5, 0.55],
    [2.5, 0.58],
    [8, 0.8],
    [9, 0.78],
  ]),
  c: curve([
    [2, 0.65],
    [3, 0.64],
    [3.5, 0.7],
    [5, 0.71],
  ]),
};
const routerBenchHulls = {
  a: curve([
    [1, 0.5],
    [2, 0.6],
    [3, 0.675],
    [4, 0.75],
  ]),
  b: curve([
    [0.5, 0.4],
    [1.5, 0.55],
    [2.5, 0.5884615384615385],
    [8, 0.8],
  ]),
  c: curve([
    [2, 0.65],
    [3, 0.6833333333333333],
    [3.5, 0.7],
    [5, 0.71],
  ]),
};
const routerBenchAiq = [0.6125, 0.6078125, 0.525];

describe('frontier metrics', () => {
  it('keeps the non-decreasing hull, points under it raised to it', () => {
    expect(frontier(points)).toEqual(
      curve([
        [1, 0.4],
        [2, 0.55],
        [3, 0.7],
        [5, 0.8],
      ]),
    );
  });

  it('matches RouterBench evaluation/AIQ.py on its worked example', () => {
    for (const name of ['a', 'b', 'c'] as const) {
      const hull = frontier(routerBench[name]);
      expect(hull.map((p) => p.cost)).toEqual(routerBenchHulls[name].map((p) => p.cost));
      hull.forEach((p, i) => expect(p.quality).toBeCloseTo(routerBenchHulls[name][i]!.quality, 12));
    }
    expect(sharedMaxCost(Object.values(routerBench))).toBe(8);
    aiqCompared(Object.values(routerBench)).forEach((v, i) => expect(v).toBeCloseTo(routerBenchAiq[i]!, 12));
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

  it('AIQ: the area from the cheapest hull point, flat to the shared maximum cost, over that cost', () => {
    // area: (0.4+0.55)/2 + (0.55+0.7)/2 + (0.7+0.8)/2*2 = 2.6 from cost 1 to 5; over a shared range up to 10, + 0.8*5
    expect(aiq(points)).toBeCloseTo(2.6 / 5);
    expect(aiq(points, 10)).toBeCloseTo(6.6 / 10);
    expect(aiq([{ cost: 2, quality: 0.5 }])).toBe(0);
    expect(() => aiq(points, 4)).toThrow(/below this router's hull end/);
  });
});
