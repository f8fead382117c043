// The bert router over the shipped int8 classifier (public/models/bert-router) in Node's WASM runtime: the shipped
// router file routes on the per-model path, other models go the model-agnostic path and say so, a fit on real
// routing data round-trips through its file, and a folder without the classifier's labels is refused.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sharedData } from '../../../test/shared-data.ts';
import { defaultCatalog, requireModel } from '../catalog/catalog.ts';
import { modelsOf } from '../data/sample.ts';
import { readData } from '../../cli/routing-data.ts';
import { openNodeClassifier, shippedModel } from '../../platform/node/encoder.ts';
import { BERT_MODEL, isBertRouter } from './bert.ts';
import { decide } from './decide.ts';
import { loadRouter, createRouter } from './registry.ts';

const context = { openClassifier: openNodeClassifier };
const shipped = () => loadRouter(JSON.parse(readFileSync(resolve(shippedModel(BERT_MODEL), 'router.json'), 'utf8')), context);
const labels = JSON.parse(readFileSync(resolve(shippedModel(BERT_MODEL), 'manifest.json'), 'utf8')).models as string[];

describe('bert router', () => {
  it('routes with the shipped router file on the per-model path', async () => {
    const router = shipped();
    const text =
      'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether?';
    const p = await router.predict({ text });
    expect(p.estimates.map((e) => e.model).sort()).toEqual([...labels].sort());
    for (const e of p.estimates) expect(e.quality).toBeGreaterThan(0), expect(e.quality).toBeLessThan(1), expect(e.cost).toBeGreaterThan(0);
    expect(p.explanation.features).toMatchObject({ path: 'per-model' });
    // different queries get different estimates: the network reads the text
    const q = await router.predict({ text: 'Write a Python function that returns the n-th Fibonacci number.' });
    expect(q.estimates.map((e) => e.quality)).not.toEqual(p.estimates.map((e) => e.quality));
    expect(decide((await router.predict({ text })).estimates, { lambda: 0 })).toEqual(decide(p.estimates, { lambda: 0 }));
  }, 60_000);

  it("serves models outside its labels through task, difficulty and the catalog's descriptors, and says so", async () => {
    const router = shipped();
    if (!isBertRouter(router)) throw new Error('not the bert router');
    router.serve(['gpt-5-mini', 'gpt-4.1-mini', labels[0]!].map((id) => requireModel(defaultCatalog, id)));
    const p = await router.predict({ text: 'def add(a, b): return a - b  # why does this subtract?' });
    expect(p.estimates.map((e) => e.model)).toEqual(['gpt-5-mini', 'gpt-4.1-mini', labels[0]]);
    expect(p.explanation.features).toMatchObject({ path: 'model-agnostic' });
    expect(p.explanation.summary).toMatch(/gpt-5-mini, gpt-4\.1-mini/);
  }, 60_000);

  it.skipIf(!sharedData)(
    'fits its model-agnostic link on routing data and round-trips through its file',
    async () => {
      const llm = (f: string) => resolve(sharedData!, 'llmrouter', f);
      const samples = (
        await readData(llm('dcrouter_test.json'), { from: 'auto', queries: [llm('default_query_test.jsonl')] }, defaultCatalog)
      ).slice(0, 120);
      const router = createRouter('bert', {}, context);
      await router.fit({ samples, embeddings: [], models: modelsOf(samples), catalog: defaultCatalog.models });
      const back = loadRouter(JSON.parse(JSON.stringify(router.toJSON())), context);
      const text = samples[0]!.query;
      expect((await back.predict({ text })).estimates).toEqual((await router.predict({ text })).estimates);
    },
    120_000,
  );

  it('refuses a model folder without the classifier outputs', async () => {
    const router = createRouter('bert', { model: 'use-lite' }, context);
    const samples = [{ id: '1', query: 'q', outcomes: { a: { score: 1 } } }] as never;
    await expect(router.fit({ samples, embeddings: [], models: ['a'], catalog: defaultCatalog.models })).rejects.toThrow(
      /id2label must list the models/,
    );
  });
});
