import { describe, expect, it } from 'vitest';
import { loadRouter, createRouter } from './registry.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip, solverAccuracy } from '../../../test/helpers/router-checks.ts';

// Two query clusters, each solved only by its own model: no constant policy wins.
const [train, test] = split(clusters(300), 200);
const solver = (i: number) => (test.samples[i]!.task === 'python' ? 'coder' : 'mathematician');

describe('cluster router (Avengers-Pro)', () => {
  it('routes each query cluster to the model that solves it, with cluster counts tuned on a validation split', async () => {
    const r = createRouter('cluster');
    await r.fit(train);
    expect(await solverAccuracy(r, test, solver)).toBe(1);
    const p = await r.predict({ text: test.samples[0]!.query, embedding: test.embeddings[0] });
    expect(p.explanation.summary).toMatch(/nearest of \d+ training-query clusters/);
    expect(p.explanation.features).toHaveProperty('nearest_cluster_size');
    await expectRoundTrip(r, test);
  });

  it("shrinks a cluster toward each model's overall mean by the smoothing pseudo-samples", async () => {
    const one = createRouter('cluster', { clusters: 1, top: 1, tune: false, smoothing: 0 });
    await one.fit(train);
    const q = { text: 'q', embedding: test.embeddings[0] };
    const means = new Map((await one.predict(q)).estimates.map((e) => [e.model, e.quality]));
    // One cluster: each model's estimate is its mean score over all training queries.
    expect(means.get('coder')).toBeCloseTo(0.5, 1);
    expect(means.get('generalist')).toBeCloseTo(0.6, 6);
    const many = createRouter('cluster', { clusters: 2, top: 1, tune: false, smoothing: 1e6 });
    await many.fit(train);
    for (const e of (await many.predict(q)).estimates) expect(e.quality).toBeCloseTo(means.get(e.model)!, 3);
  });

  it('refuses a file whose tables do not match its clusters and models', async () => {
    const r = createRouter('cluster', { clusters: 2, tune: false });
    await r.fit(train);
    const file = JSON.parse(JSON.stringify(r.toJSON()));
    file.state.learned.sizes.push(3);
    expect(() => loadRouter(file)).toThrow(/learned\.centres/);
  });
});
