import { describe, expect, it } from 'vitest';
import { loadRouter, createRouter } from './registry.ts';
import { decide } from './decide.ts';
import { isAutoRouter, taskNeeds } from './auto.ts';
import type { CatalogModel, Strength } from '../catalog/model.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip } from '../../../test/helpers/router-checks.ts';

const entry = (id: string, strengths: Strength[], capability: number | undefined, price: number): CatalogModel => ({
  id,
  provider: 'test',
  api_model: id,
  input_price: price,
  output_price: price,
  context_window: 8192,
  description: id,
  strengths,
  ...(capability === undefined ? {} : { capability: { score: capability, source: 'test', date: '2026-01-01' } }),
});

const trainingCatalog = [
  entry('coder', ['code'], 0.7, 2),
  entry('mathematician', ['math'], 0.7, 1),
  entry('generalist', ['chat'], 0.75, 10),
];
const data = clusters(400);
const withTasks = {
  ...data,
  samples: data.samples.map((s) => ({ ...s, task: s.task === 'python' ? 'mbpp' : 'gsm8k' })),
  catalog: trainingCatalog,
};
const [train, test] = split(withTasks, 300);

describe('auto router', () => {
  it('maps task names to the strengths they need', () => {
    expect(taskNeeds('human_eval')).toEqual(['code']);
    expect(taskNeeds('agentverse-mgsm')).toEqual(['math', 'multilingual']);
    expect(taskNeeds('high_school_biology_mmlu')).toEqual(['knowledge']);
    expect(taskNeeds('something')).toBeUndefined();
  });

  it('routes each cluster to the model whose strengths it needs, among models it never saw in the data', async () => {
    const r = createRouter('auto');
    await r.fit({ ...train, catalog: trainingCatalog });
    if (!isAutoRouter(r)) throw new Error('not the auto router');
    // Capabilities within the training models' range; new-coder's is estimated from its price.
    r.serve([entry('new-coder', ['code'], undefined, 1.5), entry('new-math', ['math'], 0.7, 0.4), entry('new-general', ['chat'], 0.75, 5)]);
    let right = 0;
    for (let i = 0; i < test.samples.length; i++) {
      const p = await r.predict({ text: test.samples[i]!.query, embedding: test.embeddings[i] });
      const want = test.samples[i]!.task === 'mbpp' ? 'new-coder' : 'new-math';
      if (decide(p.estimates, { lambda: 0 }).model === want) right++;
    }
    expect(right / test.samples.length).toBeGreaterThanOrEqual(0.95);
    const p = await r.predict({ text: test.samples[0]!.query, embedding: test.embeddings[0] });
    expect(p.explanation.features).toMatchObject({ domain: 'code', capability_from_price: 'new-coder' });
    const reloaded = loadRouter(JSON.parse(JSON.stringify(r.toJSON())));
    expect((await reloaded.predict({ text: 'q', embedding: test.embeddings[0] })).estimates.map((e) => e.model)).toEqual([
      'new-coder',
      'new-math',
      'new-general',
    ]);
  });

  it('round-trips, and needs capability scores', async () => {
    const r = createRouter('auto');
    await r.fit(train);
    await expectRoundTrip(r, test);
    await expect(createRouter('auto').fit({ ...train, catalog: [] })).rejects.toThrow(/capability scores/);
  });
});
