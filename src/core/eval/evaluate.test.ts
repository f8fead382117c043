import { describe, expect, it } from 'vitest';
import { evaluate, perTask, withSharedAiq } from './evaluate.ts';
import { createRouter } from '../routers/registry.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { REPORT_KEYS } from '../../../test/helpers/report-keys.ts';

const [train, test] = split(clusters(300), 200);

describe('evaluate', () => {
  it('reports the DESIGN.md metrics: a router that knows the clusters matches the oracle', async () => {
    const router = createRouter('knn', { k: 5 });
    await router.fit(train);
    const e = await evaluate({ router, test: test.samples, embeddings: test.embeddings, nTrain: train.samples.length });
    const r = e.report;
    expect(Object.keys(r)).toEqual(REPORT_KEYS);
    expect(r.best_single).toEqual({ model: 'generalist', quality: expect.closeTo(0.6), cost: expect.closeTo(1) });
    expect(r.oracle.quality).toBe(1);
    expect(r.curve[0]).toMatchObject({ lambda: 0, quality: 1, cost: r.oracle.cost });
    expect(r.curve.at(-1)!.quality).toBeCloseTo(0.5); // cheapest model everywhere: solves half
    expect(r.quality_at_best_single_cost).toBe(1);
    expect(r.cost_at_95pct_best_quality).toBeLessThan(0.2);
    const tasks = perTask(test.samples, e, 0);
    expect(tasks.map((t) => [t.task, t.quality])).toEqual([
      ['python', 1],
      ['integral', 1],
    ]);
  });

  it('a router that ignores the query sits on the single-model line', async () => {
    const router = createRouter('best-single');
    await router.fit(train);
    const r = (await evaluate({ router, test: test.samples, embeddings: [], nTrain: 200 })).report;
    expect(r.curve[0]!.quality).toBeCloseTo(0.6);
    expect(r.quality_at_best_single_cost).toBeCloseTo(0.6);
  });

  it("compares routers' AIQ over one shared cost range, and adds RouteLLM's metrics on two-model data", async () => {
    const pair = ['coder', 'generalist'];
    const reports = [];
    for (const name of ['knn', 'cheapest']) {
      const router = createRouter(name);
      await router.fit(train);
      reports.push((await evaluate({ router, test: test.samples, embeddings: test.embeddings, nTrain: 200, models: pair })).report);
    }
    const [knn, cheapest] = withSharedAiq(reports);
    expect(cheapest!.aiq_max_cost).toBe(knn!.aiq_max_cost);
    expect(reports[1]!.aiq).toBe(0); // one point alone encloses no area (RouterBench)
    expect(cheapest!.aiq).toBeGreaterThan(0);
    expect(knn!.aiq).toBeGreaterThan(cheapest!.aiq);
    expect(knn!.routellm).toMatchObject({ strong: 'generalist', weak: 'coder' });
    expect(knn!.routellm!.apgr).toBeGreaterThan(0.9);
    expect(knn!.routellm!.cpt50).toBeLessThan(60);
  });

  it('skips samples it cannot score, counting them, and never scores a missing outcome as 0', async () => {
    const router = createRouter('best-single');
    await router.fit(train);
    // Half the samples lose the generalist's outcome, one sample loses every outcome: not run, not failed.
    const partial = test.samples.map((s, i) => ({
      ...s,
      outcomes: i === 0 ? {} : i % 2 ? Object.fromEntries(Object.entries(s.outcomes).filter(([m]) => m !== 'generalist')) : s.outcomes,
    }));
    const full = (await evaluate({ router, test: test.samples.slice(1), embeddings: [], nTrain: 200, models: ['generalist'] })).report;
    const r = (await evaluate({ router, test: partial, embeddings: [], nTrain: 200 })).report;
    expect(r.skipped).toBe(1);
    expect(r.n_test).toBe(test.samples.length - 1);
    const generalistRuns = partial.filter((s) => s.outcomes.generalist);
    const generalistMean = generalistRuns.reduce((q, s) => q + s.outcomes.generalist!.score, 0) / generalistRuns.length;
    expect(r.best_single.model).toBe('generalist');
    expect(r.best_single.quality).toBeCloseTo(generalistMean);
    expect(r.best_single.quality).toBeGreaterThan(full.best_single.quality * 0.8);
    for (const p of r.curve) expect(p.quality).toBeGreaterThan(0.4);
  });
});
