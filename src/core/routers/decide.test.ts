import { describe, expect, it } from 'vitest';
import { COST_SCALE_USD, decide, dollarsPerPoint, lambdaForDollarsPerPoint } from './decide.ts';

const estimates = [
  { model: 'big', quality: 0.9, cost: 0.01 },
  { model: 'mid', quality: 0.8, cost: 0.002 },
  { model: 'small', quality: 0.8, cost: 0.001 },
];

describe('decide', () => {
  it('takes the best quality when cost does not matter, ties to the cheaper model', () => {
    expect(decide(estimates, { lambda: 0 }).model).toBe('big');
    expect(decide(estimates.slice(1), { lambda: 0 }).model).toBe('small');
  });

  it('moves to cheaper models as lambda grows', () => {
    expect(decide(estimates, { lambda: 0.5 }).model).toBe('big');
    expect(decide(estimates, { lambda: 2 }).model).toBe('small');
    expect(decide(estimates, { lambda: 0.5, costScale: 0.01 }).model).toBe('small');
  });

  it('keeps the choice between two models when a third, dearer model is enabled', () => {
    const pair = [estimates[0]!, estimates[2]!];
    const dearer = { model: 'dearest', quality: 0.91, cost: 5 };
    for (const lambda of [0, 0.1, 0.5, 1, 2, 5, 20, 100]) {
      const without = decide(pair, { lambda }).model;
      const ranking = decide([...pair, dearer], { lambda }).ranking.filter((r) => r.model !== 'dearest');
      expect(ranking[0]!.model, `lambda ${lambda}`).toBe(without);
    }
  });

  it('gives lambda a fixed meaning: USD per thousand messages one quality point is worth', () => {
    expect(COST_SCALE_USD).toBe(0.1);
    expect(dollarsPerPoint(1)).toBeCloseTo(1);
    expect(dollarsPerPoint(0.25)).toBeCloseTo(4);
    expect(dollarsPerPoint(0)).toBe(Infinity);
    expect(lambdaForDollarsPerPoint(dollarsPerPoint(0.37))).toBeCloseTo(0.37);
    // at lambda 1, paying USD 0.001 more a call (USD 1 per thousand) must buy more than 0.01 of quality
    const a = { model: 'a', quality: 0.5, cost: 0 };
    expect(decide([a, { model: 'b', quality: 0.5105, cost: 0.001 }], { lambda: 1 }).model).toBe('b');
    expect(decide([a, { model: 'b', quality: 0.5095, cost: 0.001 }], { lambda: 1 }).model).toBe('a');
  });

  it('keeps to the allowed models and ranks them all for the fallback chain', () => {
    const d = decide(estimates, { lambda: 0, allowed: ['mid', 'small'] });
    expect(d.model).toBe('small');
    expect(d.ranking.map((r) => r.model)).toEqual(['small', 'mid']);
  });

  it('excludes models over the budget, keeping the cheapest when none fit', () => {
    expect(decide(estimates, { lambda: 0, budget: 0.005 }).model).toBe('small');
    expect(decide(estimates, { lambda: 0, budget: 0.0001 }).model).toBe('small');
  });

  it('names the problem when no allowed model has an estimate', () => {
    expect(() => decide(estimates, { lambda: 0, allowed: ['other'] })).toThrow(/no allowed model/);
  });
});
