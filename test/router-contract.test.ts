// The flat router contract: a router declared in one spec object plus one registry entry is trainable, savable,
// loadable and routable; routers built from others receive the registry as an argument; the CLI knows a router that
// calls providers by its declared input, not by a list of names.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isCallingRouter } from '../src/cli/cli-router.ts';
import { decide } from '../src/core/routers/decide.ts';
import { loadRouter, makeRegistry, routers } from '../src/core/routers/registry.ts';
import { defineRouter } from '../src/core/routers/runtime.ts';
import type { Router } from '../src/core/routers/router.ts';
import { own } from '../src/core/data/named-record.ts';

/** A router in one spec: each model's mean score on the training queries of the same length class. */
const LengthRouter = defineRouter({
  name: 'length',
  description: "each model's mean score on training queries as long as this one",
  input: 'text',
  options: z.object({ longFrom: z.number().int().positive().default(40) }).strict(),
  state: z.object({ short: z.array(z.number()), long: z.array(z.number()) }).strict(),
  fit(data, o) {
    const mean = (long: boolean) =>
      data.models.map((m) => {
        const scores = data.samples.filter((s) => s.query.length >= o.longFrom === long).flatMap((s) => own(s.outcomes, m)?.score ?? []);
        return scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
      });
    return { short: mean(false), long: mean(true) };
  },
  score: (query, st, { options }) => ({
    quality: query.text.length >= options.longFrom ? st.long : st.short,
    explanation: { summary: 'Mean score on training queries of the same length.' },
  }),
});

// Short queries only the cheap model answers well, long ones only the strong one: no constant policy wins.
const SHORT = 'hi there';
const LONG = 'prove that there are infinitely many primes, step by step';
const data = {
  models: ['gpt-5-nano', 'gpt-5'],
  embeddings: [],
  samples: Array.from({ length: 20 }, (_, i) => {
    const long = i % 2 === 1;
    return {
      id: `q${i}`,
      query: `${long ? LONG : SHORT} ${i}`,
      outcomes: { 'gpt-5-nano': { score: long ? 0 : 1, cost: 0.0001 }, 'gpt-5': { score: long ? 1 : 0, cost: 0.01 } },
    };
  }),
};
const registry = makeRegistry({ ...routers, length: LengthRouter });
const route = async (router: Router, text: string) => decide((await router.predict({ text })).estimates, { lambda: 0 }).model;

describe('a router declared as one spec and one registry entry', () => {
  it('trains, saves, loads and routes, and shows its options and input', async () => {
    const router = registry.create('length');
    await router.fit(data);
    const file = JSON.parse(JSON.stringify(router.toJSON()));
    expect(file).toMatchObject({ format: 'llmrouter-web/router', router: 'length', options: { longFrom: 40 } });
    const loaded = registry.load(file);
    expect([await route(loaded, SHORT), await route(loaded, LONG)]).toEqual(['gpt-5-nano', 'gpt-5']);
    expect(await loaded.predict({ text: LONG })).toEqual(await router.predict({ text: LONG }));
    expect(registry.kind('length').optionDefaults()).toEqual({ longFrom: 40 });
    expect(loaded.input).toBe('text');
  });

  it('is a fallback of the rules router, which builds and loads it through the registry it was given', async () => {
    const rules = registry.create('rules', { rules: [{ when: { regex: '^urgent' }, model: 'gpt-5' }], fallback: 'length' });
    await rules.fit(data);
    const file = JSON.parse(JSON.stringify(rules.toJSON()));
    const loaded = registry.load(file);
    expect([await route(loaded, SHORT), await route(loaded, `urgent: ${SHORT}`), await route(loaded, LONG)]).toEqual([
      'gpt-5-nano',
      'gpt-5',
      'gpt-5',
    ]);
    // The app's registry has no "length" router: the rules router found it only through the registry it was given.
    expect(() => loadRouter(file)).toThrow(/unknown router "length"/);
  });

  it('declares its input once: an embedding router refuses a query without its embedding', async () => {
    const router = registry.create('knn', { tune: false, k: 2 });
    expect(router.input).toBe('embedding');
    const embedded = { ...data, embeddings: data.samples.map((_, i) => Float32Array.of(i % 2, 1 - (i % 2))) };
    await router.fit(embedded);
    await expect(router.predict({ text: SHORT })).rejects.toThrow(/needs the query's embedding/);
  });
});

describe('the CLI and a router that calls providers', () => {
  afterEach(() => {
    delete routers['test-caller'];
  });

  it('treats a router whose declared input is "provider" as calling, without a list of names', () => {
    expect(isCallingRouter('test-caller')).toBe(false);
    routers['test-caller'] = defineRouter({
      name: 'test-caller',
      description: 'asks a model which model to call',
      input: 'provider',
      options: z.object({}).strict(),
      state: z.object({}).strict(),
      fit: () => ({}),
      score: () => ({ quality: [], explanation: { summary: 'asked' } }),
    });
    expect(isCallingRouter('test-caller')).toBe(true);
    expect(isCallingRouter('automix')).toBe(true);
    expect(isCallingRouter('knn')).toBe(false);
  });
});
