import { describe, expect, it } from 'vitest';
import { loadRouter, createRouter } from '../routers/registry.ts';
import { decide } from '../routers/decide.ts';
import { CostModel } from '../routers/shared/cost-model.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { isOnlineRouter, type OnlineRouter, type Strategy } from './online-router.ts';
import { simulate } from './simulate.ts';
import { catalogPriors } from './catalog-prior.ts';
import type { CatalogModel } from '../catalog/model.ts';

// Two clusters, each solved only by its own model; the generalist scores 0.6 everywhere: no constant policy
// beats 0.6, routing each cluster to its solver scores 1.
const data = clusters(1400);
const [stream, fresh] = split(data, 1200);
const STRATEGIES: Strategy[] = ['linucb', 'lin-ts', 'epsilon-greedy'];

function cold(name: Strategy, options: Record<string, unknown> = {}): OnlineRouter {
  const router = createRouter(name, { dim: 0, ...options });
  if (!isOnlineRouter(router)) throw new Error(`${name} is not an online router`);
  return router.begin(stream.models, CostModel.fit(stream));
}

const solver = (i: number) => (fresh.samples[i]!.task === 'python' ? 'coder' : 'mathematician');

async function greedyAccuracy(router: OnlineRouter): Promise<number> {
  let right = 0;
  for (const [i, s] of fresh.samples.entries()) {
    const p = await router.predict({ text: s.query, embedding: fresh.embeddings[i] });
    if (decide(p.estimates, { lambda: 0 }).model === solver(i)) right++;
  }
  return right / fresh.samples.length;
}

describe('online routers on a two-cluster stream with bandit feedback', () => {
  it.each(STRATEGIES)("%s started cold converges to each cluster's solver", async (name) => {
    const router = cold(name, { maxExploreShare: 0.3 });
    const report = await simulate({ router, parts: [stream], seed: 1, lambda: 0, window: 300 });
    expect(report.stream.best_single.quality).toBeCloseTo(0.6, 5);
    expect(report.final_window.quality).toBeGreaterThan(0.9);
    expect(report.curve.at(-1)!.regret_best_single).toBeLessThan(0);
    expect(await greedyAccuracy(router)).toBe(1);
  });

  it.each(STRATEGIES)('%s warm-started from an offline router that ignores the query learns where each model wins', async (name) => {
    // best-single on 40 samples: the generalist for every query (quality 0.6).
    const offline = createRouter('best-single');
    await offline.fit({ ...stream, samples: stream.samples.slice(0, 40), embeddings: stream.embeddings.slice(0, 40) });
    // Exploration must be bold enough to doubt a prior that is 0.1 off.
    const bold = { linucb: { alpha: 0.5 }, 'lin-ts': { v: 0.5 }, 'epsilon-greedy': { epsilon: 0.1 } }[name];
    const router = createRouter(name, { dim: 0, maxExploreShare: 0.3, ...bold }) as OnlineRouter;
    router.over(offline.toJSON(), offline);
    const report = await simulate({ router, parts: [stream], seed: 2, lambda: 0, window: 300, reference: offline });
    expect(report.final_window.quality).toBeGreaterThan(0.9);
    expect(report.stream.quality).toBeGreaterThan(report.reference!.quality_at_same_cost ?? 0);
  });

  it.each(STRATEGIES)('%s never explores past the budget rule or the exploration cap', async (name) => {
    const eager = { linucb: { alpha: 5 }, 'lin-ts': { v: 5 }, 'epsilon-greedy': { epsilon: 0.9 } }[name];
    const router = cold(name, { maxExploreShare: 0.1, ...eager });
    let calls = 0,
      explored = 0;
    for (const [i, s] of stream.samples.slice(0, 400).entries()) {
      const query = { text: s.query, embedding: stream.embeddings[i] };
      // The generalist costs 0.01 per call: over this budget.
      const choice = await router.choose(query, { lambda: 0, budget: 0.005 });
      expect(choice.decision.model).not.toBe('generalist');
      calls++;
      explored += choice.explored ? 1 : 0;
      expect(explored).toBeLessThanOrEqual(0.1 * calls);
      await router.update(query, choice.decision.model, s.outcomes[choice.decision.model]!.score);
    }
    expect(explored).toBeGreaterThan(0);
  });

  it('saves to JSON and loads back to the same estimates and the same next choices, and revises a reward in place', async () => {
    const router = cold('lin-ts', { dim: 8 });
    await simulate({
      router,
      parts: [{ samples: stream.samples.slice(0, 100), embeddings: stream.embeddings.slice(0, 100) }],
      seed: 1,
      lambda: 0,
      window: 10,
    });
    const text = JSON.stringify(router.toJSON());
    const loaded = loadRouter(JSON.parse(text)) as OnlineRouter;
    expect(JSON.stringify(loaded.toJSON())).toBe(text);
    for (let i = 0; i < 5; i++) {
      const q = { text: fresh.samples[i]!.query, embedding: fresh.embeddings[i] };
      expect((await loaded.predict(q)).estimates).toEqual((await router.predict(q)).estimates);
      expect((await loaded.choose(q, { lambda: 0.1 })).decision.model).toBe((await router.choose(q, { lambda: 0.1 })).decision.model);
    }
    const q = { text: fresh.samples[0]!.query, embedding: fresh.embeddings[0] };
    const before = (await router.predict(q)).estimates.find((e) => e.model === 'generalist')!.quality;
    await router.update(q, 'generalist', 1);
    await router.update(q, 'generalist', 0, 1);
    expect((await router.predict(q)).estimates.find((e) => e.model === 'generalist')!.quality).toBeLessThan(before);
    expect(() => loadRouter({ ...JSON.parse(text), state: { ...JSON.parse(text).state, arms: [] } })).toThrow(
      /state\.arms must hold one arm/,
    );
  });

  it('started cold with catalog entries, expects of each model the mean of its benchmark figures (a constant without any), and keeps them in its file', async () => {
    const entry = (id: string, benchmarks?: CatalogModel['benchmarks']) =>
      ({
        id,
        provider: 'p',
        api_model: id,
        input_price: 1,
        output_price: 1,
        context_window: 8000,
        description: id,
        ...(benchmarks ? { benchmarks } : {}),
      }) as CatalogModel;
    const figure = (score: number) => ({ score, benchmark: 'b', source: 's', date: '2025-01-01' });
    const catalog = [
      entry('coder', { code: figure(0.9), math: figure(0.5) }),
      entry('mathematician', { math: figure(0.8) }),
      entry('generalist'),
    ];
    expect(catalogPriors(['coder', 'mathematician', 'generalist', 'unknown'], catalog, 0.4)).toEqual([0.7, 0.8, 0.4, 0.4]);
    const router = (createRouter('linucb', { dim: 4, prior: 0.4 }) as OnlineRouter).begin(stream.models, CostModel.fit(stream), catalog);
    const q = { text: fresh.samples[0]!.query, embedding: fresh.embeddings[0] };
    const first = new Map((await router.predict(q)).estimates.map((e) => [e.model, e.quality]));
    expect([first.get('coder'), first.get('mathematician'), first.get('generalist')]).toEqual([0.7, 0.8, 0.4]);
    const loaded = loadRouter(JSON.parse(JSON.stringify(router.toJSON()))) as OnlineRouter;
    expect((await loaded.predict(q)).estimates).toEqual((await router.predict(q)).estimates);
    const constant = (createRouter('linucb', { dim: 4, priors: 'constant' }) as OnlineRouter).begin(
      stream.models,
      CostModel.fit(stream),
      catalog,
    );
    expect(new Set((await constant.predict(q)).estimates.map((e) => e.quality))).toEqual(new Set([0.5]));
  });
});

describe('epsilon-greedy explores only plausible models', () => {
  /** Which models epsilon-greedy (exploring at every call) picks on the fresh queries, after learning the whole stream. */
  async function picks(options: Record<string, unknown>): Promise<{ hopeless: number; other: number }> {
    const router = createRouter('epsilon-greedy', { dim: 0, epsilon: 1, maxExploreShare: 1, ...options }) as OnlineRouter;
    await router.fit(stream);
    const counts = { hopeless: 0, other: 0 };
    for (const [i, s] of fresh.samples.entries()) {
      const { decision } = await router.choose({ text: s.query, embedding: fresh.embeddings[i] }, { lambda: 0 });
      // The other cluster's solver scores 0 here, and the router has seen it hundreds of times.
      const wrong = solver(i) === 'coder' ? 'mathematician' : 'coder';
      if (decision.model === wrong) counts.hopeless++;
      else counts.other++;
    }
    return counts;
  }

  it('never picks a model its estimate and uncertainty rule out, where uniform exploration does', async () => {
    const uniform = await picks({ plausibleWidths: 1e6 });
    expect(uniform.hopeless).toBeGreaterThan(20);
    const plausibleOnly = await picks({});
    expect(plausibleOnly.hopeless).toBe(0);
    expect(plausibleOnly.other).toBe(fresh.samples.length);
  });
});
