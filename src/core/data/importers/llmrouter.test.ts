import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../catalog/catalog.ts';
import { dataErrorOf } from '../../../../test/data-error-of.ts';
import { importLlmrouter } from './llmrouter.ts';

const options = { catalog: defaultCatalog };
const row = (o: Record<string, unknown>) =>
  JSON.stringify({ task_name: 'gsm8k', query: 'What is 6 * 7?', ground_truth: 42, metric: 'em', ...o });
const jsonl = [
  row({ model_name: 'qwen2.5-7b-instruct', performance: 1, input_tokens: 100, output_tokens: 50, response: '42' }),
  row({ model_name: 'llama3-70b-instruct', performance: 0, input_tokens: 100, output_tokens: 20, response: '41' }),
  '',
  row({ task_name: 'mmlu', query: 'Which planet is red?', ground_truth: 'B', model_name: 'qwen2.5-7b-instruct', performance: true }),
  row({ task_name: 'mmlu', query: 'Which planet is red?', ground_truth: 'B', model_name: 'my-model', performance: 0.5, cost: 0.001 }),
].join('\n');

describe('LLMRouter routing JSONL importer', () => {
  it('groups rows by query into one sample with per-model outcomes', () => {
    const samples = importLlmrouter(jsonl, 'routing_train.jsonl', options);
    expect(samples).toHaveLength(2);
    expect(samples[0]).toMatchObject({ id: 'routing_train-0', query: 'What is 6 * 7?', task: 'gsm8k', ground_truth: '42', metric: 'em' });
    // Given token counts are used as they are: 100 in, 50 out at $0.20 / $0.20 per million; no estimate flag.
    expect(samples[0]!.outcomes['qwen2.5-7b-instruct']).toEqual({
      score: 1,
      cost: (150 * 0.2) / 1e6,
      input_tokens: 100,
      output_tokens: 50,
      response: '42',
    });
    expect(samples[0]!.outcomes['llama3-70b-instruct']!.cost).toBeCloseTo((120 * 0.9) / 1e6, 12);
    expect(samples[1]!.outcomes['qwen2.5-7b-instruct']).toMatchObject({ score: 1, cost_estimated: true });
  });

  it('keeps a cost the file gives, so a model outside the catalog needs no price', () => {
    const samples = importLlmrouter(jsonl, 'routing_train.jsonl', options);
    expect(samples[1]!.outcomes['my-model']).toEqual({ score: 0.5, cost: 0.001 });
  });

  it('names file, line and field of a bad row', () => {
    expect(
      dataErrorOf(() => importLlmrouter(jsonl.replace('"performance":0,', '"performance":"high",'), 'r.jsonl', options)).message,
    ).toMatch(/^r\.jsonl, line 2, field "performance": /);
    expect(dataErrorOf(() => importLlmrouter(jsonl + '\n{"query": "x", "performance": 1}', 'r.jsonl', options)).message).toMatch(
      /^r\.jsonl, line 6, field "model_name": /,
    );
    expect(dataErrorOf(() => importLlmrouter(jsonl + '\n{oops', 'r.jsonl', options)).message).toMatch(/^r\.jsonl, line 6: invalid JSON/);
  });

  it('rejects the same model twice for one query, and an unpriced model without cost', () => {
    const twice = jsonl + '\n' + row({ model_name: 'qwen2.5-7b-instruct', performance: 0 });
    expect(dataErrorOf(() => importLlmrouter(twice, 'r.jsonl', options)).message).toBe(
      'r.jsonl, line 6, field "model_name": model "qwen2.5-7b-instruct" appears twice for this query',
    );
    expect(dataErrorOf(() => importLlmrouter(row({ model_name: 'gpt-9', performance: 1 }), 'r.jsonl', options)).message).toMatch(
      /^r\.jsonl, line 1, field "model_name": model "gpt-9" is not in the catalog/,
    );
  });
});
