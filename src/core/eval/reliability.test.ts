import { describe, expect, it } from 'vitest';
import { reliability } from './reliability.ts';
import type { RoutingSample } from '../data/sample.ts';

const sample = (score: number): RoutingSample => ({ id: 'q', query: 'q', outcomes: { a: { score, cost: 0 } } });

describe('reliability', () => {
  it('is zero for calibrated predictions and the gap for a constant over-confident one', () => {
    const test = [1, 0, 1, 0].map(sample);
    const at = (q: number) => test.map(() => ({ estimates: [{ model: 'a', quality: q, cost: 0 }], explanation: { summary: '' } }));
    expect(reliability(test, at(0.55)).ece).toBeCloseTo(0.05);
    const r = reliability(test, at(0.95));
    expect(r.ece).toBeCloseTo(0.45);
    expect(r.bins).toEqual([{ from: 0.9, n: 4, predicted: 0.95, observed: 0.5 }]);
    expect(() => reliability(test, at(0.5), ['b'])).toThrow(/no \(query, model\) pair/);
  });
});
