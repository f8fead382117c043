// automix and llm-router call models through the `Complete` interface. These logic tests use an
// in-process Complete that answers from the synthetic dataset's outcomes (see lookup-complete.ts).
import { describe, expect, it } from 'vitest';
import { loadRouter, createRouter } from './registry.ts';
import { decide } from './decide.ts';
import { namedModel } from './llm-router.ts';
import { clusters, split, PRICES } from '../../../test/helpers/synthetic.ts';
import { lookupComplete } from '../../../test/helpers/lookup-complete.ts';
import type { CatalogModel } from '../catalog/model.ts';

const [train, test] = split(clusters(120), 80);
const complete = lookupComplete([...train.samples, ...test.samples], PRICES);
const solver = (i: number) => (test.samples[i]!.task === 'python' ? 'coder' : 'mathematician');

describe('automix router', () => {
  for (const policy of ['threshold', 'self-consistency'] as const) {
    it(`keeps the small model's answer when it holds up and escalates when not (${policy})`, async () => {
      const r = createRouter('automix', { small: 'mathematician', large: 'coder', policy }, { complete });
      await r.fit(train);
      for (let i = 0; i < 10; i++) {
        const p = await r.predict({ text: test.samples[i]!.query });
        expect(decide(p.estimates, { lambda: 0 }).model).toBe(solver(i));
        expect(p.estimates.map((e) => e.threshold ?? false)).toEqual([false, true]); // the large model's entry is the threshold
        if (solver(i) === 'mathematician') expect(p.explanation.features?.small_answer).toBe(`ANSWER ${test.samples[i]!.id}`);
      }
    });
  }

  it('needs a provider, and loads back with one', async () => {
    const r = createRouter('automix', { small: 'mathematician', large: 'coder' });
    await r.fit(train);
    await expect(r.predict({ text: test.samples[0]!.query })).rejects.toThrow(/context.complete/);
    const loaded = loadRouter(JSON.parse(JSON.stringify(r.toJSON())), { complete });
    expect(decide((await loaded.predict({ text: test.samples[0]!.query })).estimates, { lambda: 0 }).model).toBe(solver(0));
  });
});

describe('llm-router', () => {
  const catalog: CatalogModel[] = train.models.map((id) => ({
    id,
    provider: 'test',
    api_model: id,
    input_price: 1,
    output_price: 1,
    context_window: 8192,
    description: `the ${id} model`,
    strengths: [],
  }));

  it('asks the judge with every model described, and routes to the model it names', async () => {
    const r = createRouter('llm-router', { judge: 'generalist' }, { complete });
    await r.fit({ ...train, catalog });
    complete.calls.length = 0;
    for (let i = 0; i < 10; i++) {
      const p = await r.predict({ text: test.samples[i]!.query });
      expect(decide(p.estimates, { lambda: 0 }).model).toBe(solver(i));
    }
    expect(new Set(complete.calls)).toEqual(new Set(['generalist']));
  });

  it('reads the longest model name in a reply, and none when there is none', () => {
    expect(namedModel('Use GPT-4o-mini for this.', ['gpt-4o', 'gpt-4o-mini'])).toBe('gpt-4o-mini');
    expect(namedModel('no idea', ['gpt-4o'])).toBeUndefined();
  });
});
