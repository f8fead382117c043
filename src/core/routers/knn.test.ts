import { describe, expect, it } from 'vitest';
import { createRouter } from './registry.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip, solverAccuracy } from '../../../test/helpers/router-checks.ts';
import { ExactIndex } from './shared/exact-index.ts';
import { dotRow } from './shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';
import { DotScan } from './shared/wasm/dot-scan.ts';

const data = clusters(300);
const [train, test] = split(data, 200);
const solver = (i: number) => (test.samples[i]!.task === 'python' ? 'coder' : 'mathematician');

describe('knn router', () => {
  for (const weighting of ['uniform', 'distance', 'softmax'] as const) {
    it(`routes each cluster to the model that solves it (${weighting} weighting)`, async () => {
      const r = createRouter('knn', { k: 5, weighting, tune: false });
      await r.fit(train);
      expect(await solverAccuracy(r, test, solver)).toBe(1);
    });
  }

  it('tunes k and temperature on a validation part of the training data, or keeps them as given', async () => {
    const tuned = createRouter('knn');
    await tuned.fit(train);
    const st = (tuned.toJSON().state as { learned: { k: number; temperature: number } }).learned;
    expect([5, 10, 20, 30, 50, 100]).toContain(st.k);
    expect([0.02, 0.05, 0.1]).toContain(st.temperature);
    const fixed = createRouter('knn', { k: 7, temperature: 0.3, tune: false });
    await fixed.fit(train);
    expect((fixed.toJSON().state as { learned: { k: number; temperature: number } }).learned).toMatchObject({ k: 7, temperature: 0.3 });
  });

  it('explains with the nearest neighbours and round-trips its file', async () => {
    const r = createRouter('knn', { k: 5 });
    await r.fit(train);
    const p = await r.predict({ text: test.samples[0]!.query, embedding: test.embeddings[0] });
    expect(p.explanation.neighbours).toHaveLength(3);
    expect(p.explanation.neighbours![0]!.query).toMatch(/python/);
    await expectRoundTrip(r, test);
  });

  it('the SIMD scan gives the dot products of the JavaScript loop, for any dimension', () => {
    const random = mulberry32(9);
    for (const dim of [3, 8, 13, 512]) {
      const m = Float32Array.from({ length: 50 * dim }, () => random() - 0.5);
      const q = Float32Array.from({ length: dim }, () => random() - 0.5);
      const scan = DotScan.create(m, 50, dim);
      expect(scan).toBeDefined();
      const got = Array.from(scan!.run(q));
      got.forEach((v, r) => expect(v).toBeCloseTo(dotRow(q, m, r), 4));
    }
  });

  it('the exact index returns the true top-k, best first', () => {
    const random = mulberry32(5);
    const rows = Array.from({ length: 500 }, () => Float32Array.from({ length: 8 }, () => random() - 0.5));
    const index = ExactIndex.build(rows, 8, 10);
    const q = rows[42]!;
    index.search(q, 10);
    const sims = Array.from(index.similarities(q));
    const expected = sims
      .map((s, i) => [s, i] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, 10)
      .map(([, i]) => i);
    index.search(q, 10);
    expect(Array.from(index.topIndex)).toEqual(expected);
    expect(index.topIndex[0]).toBe(42);
  });
});
