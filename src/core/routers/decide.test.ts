import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';

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
    expect(decide(estimates, { lambda: 0.05 }).model).toBe('big');
    expect(decide(estimates, { lambda: 0.5 }).model).toBe('small');
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
