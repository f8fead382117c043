import { describe, expect, it } from 'vitest';
import { createRouter, loadRouter } from './registry.ts';
import type { RouterFile } from './router.ts';
import { fitLogistic } from './ensemble.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip, solverAccuracy } from '../../../test/helpers/router-checks.ts';

const [train, test] = split(clusters(300), 200);
const solver = (i: number) => (test.samples[i]!.task === 'python' ? 'coder' : 'mathematician');

describe('ensemble router', () => {
  it('stacks its members into one file that loads back to the same predictions', async () => {
    // blends [1]: the stack alone (its path, not the member's, is under test).
    const r = createRouter('ensemble', { members: ['knn', 'logreg'], blends: [1] });
    const progress: number[] = [];
    await r.fit(train, { onProgress: (f) => progress.push(f) });
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
    expect(await solverAccuracy(r, test, solver)).toBe(1);
    const file = r.toJSON() as { state: { learned: { members: RouterFile[]; weights: number[][]; alpha: number } } };
    expect(file.state.learned.alpha).toBe(1);
    const q = { text: test.samples[0]!.query, embedding: test.embeddings[0] };
    const mine = await r.predict(q);
    expect(mine.explanation.summary).toMatch(/^Stacked estimate/);
    // Every member's estimate enters the stack with its own weight: sigmoid(sum_r w_r logit(q_r) + b), per model
    // (read through the blend's logit, which clips to [1e-4, 1 - 1e-4]).
    const members = await Promise.all(file.state.learned.members.map(async (f) => (await loadRouter(f).predict(q)).estimates));
    const clip = (p: number) => Math.min(1 - 1e-4, Math.max(1e-4, p));
    const logit = (p: number) => Math.log(clip(p) / (1 - clip(p)));
    mine.estimates.forEach((e, j) => {
      const w = file.state.learned.weights[j]!;
      const z = members.reduce((s, est, m) => s + w[m]! * logit(est.find((x) => x.model === e.model)!.quality), w[members.length]!);
      expect(e.quality).toBeCloseTo(clip(1 / (1 + Math.exp(-z))), 9);
    });
    expect(file.state.learned.members.map((m) => m.router)).toEqual(['knn', 'logreg']);
    expect(file.state.learned.weights).toHaveLength(3);
    expect(file.state.learned.weights.every((w) => w.length === 3)).toBe(true);
    await expectRoundTrip(r, test);
  });

  it('routes as its best member when no blend with the stack beats it out of fold, and says so', async () => {
    const r = createRouter('ensemble', { members: ['best-single', 'knn'], blends: [0, 1] });
    await r.fit(train);
    const knn = createRouter('knn');
    await knn.fit(train);
    const file = r.toJSON() as { state: { learned: { best: number; alpha: number; cv: { alpha: number; aiq: number }[] } } };
    expect(file.state.learned).toMatchObject({ best: 1, alpha: 0 });
    expect(file.state.learned.cv[0]!.aiq).toBeGreaterThanOrEqual(file.state.learned.cv[1]!.aiq);
    const q = { text: test.samples[0]!.query, embedding: test.embeddings[0] };
    const [mine, its] = [await r.predict(q), await knn.predict(q)];
    expect(mine.estimates).toEqual(its.estimates);
    expect(mine.explanation.summary).toMatch(/^knn alone \(no blend with stacking best-single, knn beat it/);
    await expectRoundTrip(r, test);
    expect(() =>
      loadRouter({ ...r.toJSON(), state: { ...(r.toJSON().state as object), learned: { ...file.state.learned, best: 2 } } }),
    ).toThrow(/best member 2 names no member/);
  });

  it('blends the stack with its best member by the weight of highest out-of-fold AIQ, never one losing to the member there', async () => {
    const r = createRouter('ensemble', { members: ['knn', 'logreg'] });
    await r.fit(train);
    const { best, alpha, cv } = (
      r.toJSON() as { state: { learned: { best: number; alpha: number; cv: { alpha: number; aiq: number }[] } } }
    ).state.learned;
    expect(best).toBe(0); // knn: logreg cannot draw XOR clusters apart
    expect(cv.map((c) => c.alpha)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const top = Math.max(...cv.map((c) => c.aiq));
    expect(cv.find((c) => c.alpha === alpha)!.aiq).toBe(top);
    expect(cv.filter((c) => c.alpha < alpha).every((c) => c.aiq < top)).toBe(true);
    expect(top).toBeGreaterThanOrEqual(cv[0]!.aiq);
    expect(await solverAccuracy(r, test, solver)).toBe(1);
    await expectRoundTrip(r, test);
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
