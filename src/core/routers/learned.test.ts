// The trained embedding routers on synthetic clusters where the right model is known.
import { describe, expect, it } from 'vitest';
import { createRouter } from './registry.ts';
import { decide } from './decide.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip, solverAccuracy } from '../../../test/helpers/router-checks.ts';

const data = clusters(400);
const [train, test] = split(data, 300);
const solver = (i: number) => (test.samples[i]!.task === 'python' ? 'coder' : 'mathematician');

describe.each(['logreg', 'mlp', 'svm', 'mf', 'sw-ranking', 'routerdc', 'graph'])('%s router', (name) => {
  it('routes each cluster to the only model that solves it, and round-trips its file bit for bit', async () => {
    const r = createRouter(name);
    const progress: number[] = [];
    await r.fit(train, { onProgress: (f) => progress.push(f) });
    expect(progress.at(-1)).toBe(1);
    expect(await solverAccuracy(r, test, solver)).toBeGreaterThanOrEqual(0.95);
    await expectRoundTrip(r, test);
  });

  it('gives up the solver for a cheaper model once cost weighs enough', async () => {
    const r = createRouter(name);
    await r.fit(train);
    const i = test.samples.findIndex((s) => s.task === 'python');
    const p = await r.predict({ text: test.samples[i]!.query, embedding: test.embeddings[i] });
    expect(decide(p.estimates, { lambda: 0 }).model).toBe('coder');
    expect(decide(p.estimates, { lambda: 1000 }).model).toBe('mathematician');
  });
});

describe('elo router', () => {
  it('rates models by pairwise wins, the same for every query', async () => {
    const r = createRouter('elo');
    const python = train.samples.map((_, i) => i).filter((i) => train.samples[i]!.task === 'python');
    await r.fit({ ...train, samples: python.map((i) => train.samples[i]!), embeddings: [] });
    const a = await r.predict({ text: 'x' });
    expect(a.estimates.map((e) => e.model)).toEqual(['coder', 'mathematician', 'generalist']);
    const [coder, maths, generalist] = a.estimates.map((e) => e.quality);
    expect(coder).toBeGreaterThan(generalist!);
    expect(generalist).toBeGreaterThan(maths!);
    expect((await r.predict({ text: 'y' })).estimates).toEqual(a.estimates);
    await expectRoundTrip(r, test);
  });
});

describe('training control', () => {
  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const r = createRouter('mlp', { epochs: 50 });
    const run = r.fit(train, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(/cancelled/);
  });

  it('names a sample whose embedding has the wrong size', async () => {
    const bad = { ...train, embeddings: train.embeddings.map((e, i) => (i === 3 ? e.subarray(0, 4) : e)) };
    await expect(createRouter('knn').fit(bad)).rejects.toThrow(/sample q3 has 4 dimensions, expected 16/);
  });
});
