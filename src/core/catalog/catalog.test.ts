import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data.ts';
import defaultCatalogJson from './default-catalog.json' with { type: 'json' };
import { defaultCatalog, findModel, parseCatalog, requireModel } from './catalog.ts';

describe('model catalog', () => {
  it('ships a valid catalog covering the main providers, a free local server, and dated prices', () => {
    const providers = new Set(defaultCatalog.models.map((m) => m.provider));
    for (const p of ['openai', 'anthropic', 'google', 'mistral', 'groq', 'together', 'deepseek', 'nvidia', 'openrouter', 'local'])
      expect(providers).toContain(p);
    const local = defaultCatalog.models.find((m) => m.provider === 'local')!;
    expect([local.input_price, local.output_price]).toEqual([0, 0]);
    for (const m of defaultCatalog.models.filter((m) => m.provider !== 'nvidia' && m.provider !== 'local')) {
      expect(m.price_date, m.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m.strengths.length, m.id).toBeGreaterThan(0);
    }
    for (const m of defaultCatalog.models.filter((m) => m.capability)) expect(m.capability!.source, m.id).not.toBe('');
  });

  it("holds RouteLLM's two models under the names its files use", () => {
    expect(requireModel(defaultCatalog, 'gpt-4-1106-preview')).toMatchObject({ provider: 'openai', input_price: 10, output_price: 30 });
    expect(requireModel(defaultCatalog, 'mistralai/Mixtral-8x7B-Instruct-v0.1')).toMatchObject({ input_price: 0.6, output_price: 0.6 });
  });

  it.skipIf(!sharedData)("holds LLMRouter's 14 candidates with the ids and prices of default_llm.json", () => {
    const llm = JSON.parse(readFileSync(resolve(sharedData!, 'llmrouter/default_llm.json'), 'utf8')) as Record<
      string,
      { model: string; input_price: number; output_price: number }
    >;
    expect(Object.keys(llm)).toHaveLength(14);
    for (const [id, m] of Object.entries(llm)) {
      expect(requireModel(defaultCatalog, id)).toMatchObject({
        provider: 'nvidia',
        api_model: m.model,
        input_price: m.input_price,
        output_price: m.output_price,
      });
    }
  });

  it('finds a model by id or by its API model name, and names a missing one', () => {
    expect(findModel(defaultCatalog, 'claude-3-5-haiku-latest')?.id).toBe('claude-3-5-haiku');
    expect(findModel(defaultCatalog, 'nope')).toBeUndefined();
    expect(() => requireModel(defaultCatalog, 'gpt-9')).toThrow('model "gpt-9" is not in the catalog');
  });

  it('rejects an invalid or duplicated entry, naming the model and field', () => {
    const models = structuredClone(defaultCatalogJson.models) as Record<string, unknown>[];
    models[2] = { ...models[2], input_price: -1 };
    expect(() => parseCatalog({ models }, 'my.json')).toThrow(/^my\.json: model 2 \(gpt-5-nano\) field "input_price": /);
    expect(() => parseCatalog({ models: [...defaultCatalogJson.models, defaultCatalogJson.models[0]] }, 'my.json')).toThrow(
      'my.json: model id "gpt-5" appears twice',
    );
    expect(() => parseCatalog({}, 'my.json')).toThrow(/^my\.json: field "models"/);
  });
});
