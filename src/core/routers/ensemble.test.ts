import { describe, expect, it } from 'vitest';
import { loadRouter, createRouter } from './registry.ts';
import { fitLogistic } from './ensemble.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip, solverAccuracy } from '../../../test/helpers/router-checks.ts';

const [train, test] = split(clusters(300), 200);
const solver = (i: number) => (test.samples[i]!.task === 'python' ? 'coder' : 'mathematician');

describe('ensemble router', () => {
  it('stacks its members into one file that loads back to the same predictions', async () => {
    // confidence 0: the stack is used whatever the bootstrap says (its path, not the fallback's, is under test).
    const r = createRouter('ensemble', { members: ['knn', 'logreg'], confidence: 0 });
    const progress: number[] = [];
    await r.fit(train, { onProgress: (f) => progress.push(f) });
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
    expect(await solverAccuracy(r, test, solver)).toBe(1);
    const file = r.toJSON() as { state: { learned: { members: { router: string }[]; weights: number[][]; fallback?: number } } };
    expect(file.state.learned.fallback).toBeUndefined();
    expect((await r.predict({ text: test.samples[0]!.query, embedding: test.embeddings[0] })).explanation.summary).toMatch(
      /^Stacked estimate/,
    );
    expect(file.state.learned.members.map((m) => m.router)).toEqual(['knn', 'logreg']);
    expect(file.state.learned.weights).toHaveLength(3);
    expect(file.state.learned.weights.every((w) => w.length === 3)).toBe(true);
    await expectRoundTrip(r, test);
  });

  it('routes as its best member when stacking does not beat it out of fold, and says so', async () => {
    const r = createRouter('ensemble', { members: ['best-single', 'knn'] });
    await r.fit(train);
    const knn = createRouter('knn');
    await knn.fit(train);
    const file = r.toJSON() as { state: { learned: { fallback?: number } } };
    expect(file.state.learned.fallback).toBe(1);
    const q = { text: test.samples[0]!.query, embedding: test.embeddings[0] };
    const [mine, its] = [await r.predict(q), await knn.predict(q)];
    expect(mine.estimates).toEqual(its.estimates);
    expect(mine.explanation.summary).toMatch(/^knn alone \(stacking best-single, knn did not beat it/);
    await expectRoundTrip(r, test);
    expect(() =>
      loadRouter({ ...r.toJSON(), state: { ...(r.toJSON().state as object), learned: { ...file.state.learned, fallback: 2 } } }),
    ).toThrow(/fallback 2 names no member/);
  });

  it('refuses members that call providers or read the true outcomes, and names them', () => {
    expect(() => createRouter('ensemble', { members: ['knn', 'oracle'] })).toThrow(/"oracle" cannot be a member/);
    expect(() => createRouter('ensemble', { members: ['automix'] })).toThrow(/"automix" cannot be a member/);
    expect(() =>
      loadRouter({ ...{ format: 'llmrouter-web/router', version: 1, router: 'ensemble', options: {}, models: ['a'] }, state: {} }),
    ).toThrow(/invalid router file state/);
  });

  it('fits the stacking weights by logistic regression: recovers known weights, the ridge shrinks them', () => {
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const row = [Math.sin(i), Math.cos(3 * i)];
      x.push(row);
      y.push(1 / (1 + Math.exp(-(2 * row[0]! - 1 * row[1]! + 0.5))));
    }
    const [w1, w2, b] = fitLogistic(x, y, 0);
    expect(w1).toBeCloseTo(2, 4);
    expect(w2).toBeCloseTo(-1, 4);
    expect(b).toBeCloseTo(0.5, 4);
    expect(Math.abs(fitLogistic(x, y, 100)[0]!)).toBeLessThan(1);
  });
});
