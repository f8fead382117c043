// irt's text-only tier (no embedding yet): at the default lambda a greeting goes to the cheap model and a proof to
// the strong one, and the explanation says which tier answered. Routers without the tier still need the embedding.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalog, requireModel } from '../../catalog/catalog.ts';
import { decide, DEFAULT_LAMBDA } from '../decide.ts';
import { loadRouter, createRouter } from '../registry.ts';

const shipped = () => loadRouter(JSON.parse(readFileSync(new URL('../../../../public/routers/irt.json', import.meta.url), 'utf8')));

describe('irt text-only tier', () => {
  it.each([
    ['hi there!', 'gpt-5-nano'],
    ['What is the capital of France?', 'gpt-5-nano'],
    ['Prove that there are infinitely many primes.', 'gpt-5'],
  ])('%s -> %s', async (text, model) => {
    const router = shipped();
    if (!router.retargetable) throw new Error('irt is retargetable');
    router.serve(['gpt-5-nano', 'gpt-5'].map((m) => requireModel(defaultCatalog, m)));
    const prediction = await router.predict({ text });
    expect(decide(prediction.estimates, { lambda: DEFAULT_LAMBDA }).model).toBe(model);
    expect(prediction.explanation.summary).toMatch(/text-only tier/);
  });

  it('a router without the tier still refuses a query without its embedding', async () => {
    const knn = createRouter('knn');
    const e = (x: number) => Float32Array.from([x, 1 - x]);
    await knn.fit({
      samples: [0, 1].map((i) => ({ id: `${i}`, query: `q${i}`, outcomes: { a: { score: i, cost: 0 }, b: { score: 1 - i, cost: 0 } } })),
      embeddings: [e(0), e(1)],
      models: ['a', 'b'],
    });
    await expect(knn.predict({ text: 'q' })).rejects.toThrow(/needs the query's embedding/);
  });
});
