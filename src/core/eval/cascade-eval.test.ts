import { describe, expect, it } from 'vitest';
import type { RoutingSample } from '../data/sample.ts';
import { auc, evaluateCascade } from './cascade-eval.ts';

// The cheap model is right on two queries in three; when wrong its arithmetic is off. The queries look alike, so
// no query-only policy beats a constant one: only reading the answer tells the wrong third apart.
function samples(n: number, offset: number): RoutingSample[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset,
      a = 10 + (i % 37),
      b = 3 + (i % 11);
    const right = i % 3 !== 0;
    const said = right ? a * b : a * b + 1 + (i % 5);
    return {
      id: `q${i}`,
      query: `A crate holds ${a} boxes of ${b} pens. How many pens?`,
      outcomes: {
        cheap: { score: right ? 1 : 0, cost: 0.001, response: `${a} * ${b} = ${said}\n#### ${said}` },
        premium: { score: i % 10 === 0 ? 0 : 1, cost: 0.02 },
      },
    };
  });
}

describe('the answer-aware cascade, evaluated offline', () => {
  it('escalates the answers its verifier doubts, counting both calls, and reaches the target at a fraction of the premium cost', async () => {
    const r = await evaluateCascade({ train: samples(150, 0), test: samples(60, 1000) });
    expect([r.cheap, r.premium]).toEqual(['cheap', 'premium']);
    expect(r.verifier_auc).toBeGreaterThan(0.95);
    // Never escalating: the cheap model's cost only; always: both calls on every query.
    expect(r.curve[0]!.escalated).toBe(0);
    expect(r.curve[0]!.cost).toBeCloseTo(60 * 0.001, 10);
    expect(r.curve.at(-1)!.escalated).toBe(1);
    expect(r.curve.at(-1)!.cost).toBeCloseTo(60 * 0.021, 10);
    expect(r.calibrated_on_train.quality_vs_premium).toBeGreaterThanOrEqual(0.95); // where the threshold was set
    expect(r.calibrated.quality_vs_premium).toBeGreaterThanOrEqual(0.95);
    expect(r.calibrated.cost_vs_premium).toBeLessThan(0.5);
    expect(r.calibrated.escalated).toBeLessThan(0.5);
    expect(r.cost_at_95pct_best_quality!).toBeLessThan(0.5);
  });

  it('says so when the data has no answers of a cheaper model', async () => {
    const bare = samples(30, 0).map((s) => ({
      ...s,
      outcomes: { cheap: { ...s.outcomes.cheap!, response: undefined }, premium: s.outcomes.premium! },
    }));
    await expect(evaluateCascade({ train: bare, test: bare })).rejects.toThrow(/cheap model's answers/);
  });

  it('computes the ROC AUC with ties counted half', () => {
    expect(auc([0.9, 0.8, 0.1], [1, 1, 0])).toBe(1);
    expect(auc([0.5, 0.5], [1, 0])).toBe(0.5);
    expect(auc([0.2, 0.9], [1, 0])).toBe(0);
  });
});

// Half the queries are long: both calls cost four times more. One cheap answer in six miscalculates (the verifier
// sees it); two in six hedge, one of them right, one misread, so the verifier doubts every hedged answer alike,
// short or long. Reaching the target takes escalating some hedged answers: the short ones buy as much for less.
function mixedLengths(n: number, offset: number): RoutingSample[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset,
      a = 10 + (i % 37),
      b = 3 + (i % 11),
      long = Math.floor(i / 6) % 2 === 1;
    const kind = i % 6 === 0 ? 'miscalculated' : i % 6 === 3 ? 'misread' : 'right';
    const said = kind === 'miscalculated' ? a * b + 1 + (i % 5) : a * b;
    const hedge = i % 6 === 1 || i % 6 === 3 ? 'Assuming every box is full, ' : '';
    const pad = long ? ' Each box was packed by hand at the depot before the long trip north.'.repeat(3) : '';
    const scale = long ? 4 : 1;
    return {
      id: `q${i}`,
      query: `A crate holds ${a} boxes of ${b} pens.${pad} How many pens?`,
      outcomes: {
        cheap: { score: kind === 'right' ? 1 : 0, cost: 0.001 * scale, response: `${pad}${hedge}${a} * ${b} = ${said}\n#### ${said}` },
        premium: { score: 1, cost: 0.02 * scale },
      },
    };
  });
}

describe('which answers the cascade escalates first', () => {
  it('ranks doubt per dollar of the premium call: the target on held-out queries for less than ranking by doubt alone', async () => {
    const data = { train: mixedLengths(300, 0), test: mixedLengths(120, 5000), target: 0.9 };
    const perCost = await evaluateCascade({ ...data, order: 'doubt-per-cost' });
    const byDoubt = await evaluateCascade({ ...data, order: 'doubt' });
    expect(perCost.order).toBe('doubt-per-cost');
    expect(perCost.calibrated.quality_vs_premium).toBeGreaterThanOrEqual(0.9);
    expect(perCost.calibrated.cost_vs_premium).toBeLessThan(0.35);
    // By doubt alone the short and long hedged answers tie: the threshold set on the training split lands below them.
    expect(byDoubt.calibrated.quality_vs_premium).toBeLessThan(0.9);
    expect(perCost.cost_at_95pct_best_quality!).toBeLessThan(0.9 * byDoubt.cost_at_95pct_best_quality!);
  });
});
