// A router trained on some models, completed by the default router's priors for the others: it estimates every
// wanted model (no "no allowed model has an estimate"), keeps its own estimates for the models it knows, and says
// which model came from where; a router that knows every wanted model is used as it is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalog, requireModel } from '../catalog/catalog.ts';
import { decide } from './decide.ts';
import { loadRouter, createRouter } from './registry.ts';
import { WithPriors, withPriorsFor } from './with-priors.ts';
import { mulberry32 } from '../data/random.ts';

const shipped = () => loadRouter(JSON.parse(readFileSync(new URL('../../../public/routers/irt.json', import.meta.url), 'utf8')));

/** A knn router trained on two catalog models over random 512-d vectors (the default encoder's size). */
async function trainedOnTwo() {
  const random = mulberry32(3);
  const vec = () => Float32Array.from({ length: 512 }, () => random() - 0.5);
  const samples = Array.from({ length: 40 }, (_, i) => ({
    id: `q${i}`,
    query: `query ${i}`,
    outcomes: { 'gpt-5-nano': { score: i % 2, cost: 0.0001 }, 'gpt-5': { score: 1, cost: 0.003 } },
  }));
  const r = createRouter('knn', { k: 5, tune: false });
  await r.fit({ samples, embeddings: samples.map(vec), models: ['gpt-5-nano', 'gpt-5'], catalog: defaultCatalog.models });
  return { router: r, query: { text: 'hello', embedding: vec() } };
}

describe('a trained router composed with the default priors', () => {
  it('estimates the models it was not trained on from the priors and says which came from where', async () => {
    const { router, query } = await trainedOnTwo();
    const wanted = ['gpt-5-nano', 'gpt-5', 'claude-haiku-4-5'].map((m) => requireModel(defaultCatalog, m));
    const composed = await withPriorsFor(router, wanted, async () => shipped());
    expect(composed).toBeInstanceOf(WithPriors);
    const p = await composed.predict(query);
    expect(p.estimates.map((e) => e.model).sort()).toEqual(['claude-haiku-4-5', 'gpt-5', 'gpt-5-nano']);
    const own = await router.predict(query);
    for (const m of ['gpt-5-nano', 'gpt-5'])
      expect(p.estimates.find((e) => e.model === m)).toEqual(own.estimates.find((e) => e.model === m));
    expect(p.explanation.features?.estimates_from).toBe(
      'knn trained on data: gpt-5-nano, gpt-5; irt priors (published benchmarks, else price): claude-haiku-4-5',
    );
    expect(() => decide(p.estimates, { lambda: 0, allowed: ['claude-haiku-4-5'] })).not.toThrow();
  });

  it('is the router itself when it knows every wanted model, or when it can serve any model', async () => {
    const { router } = await trainedOnTwo();
    const opened: string[] = [];
    const openPriors = async () => (opened.push('irt'), shipped());
    expect(await withPriorsFor(router, [requireModel(defaultCatalog, 'gpt-5')], openPriors)).toBe(router);
    const irt = shipped();
    expect(await withPriorsFor(irt, [requireModel(defaultCatalog, 'claude-haiku-4-5')], openPriors)).toBe(irt);
    expect(opened).toEqual([]);
  });

  it('refuses to compose across encoders, naming the models it could not fill in', async () => {
    const { router } = await trainedOnTwo();
    await expect(
      withPriorsFor(
        router,
        [requireModel(defaultCatalog, 'claude-haiku-4-5')],
        async () => shipped(),
        () => false,
      ),
    ).rejects.toThrow(/another encoder.*claude-haiku-4-5/);
  });
});
