import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../catalog/catalog.ts';
import { dataErrorOf } from '../../../../test/data-error-of.ts';
import { importRouterbench } from './routerbench.ts';

const fixture = resolve(import.meta.dirname, '../../../../test/fixtures/routerbench-sample.csv');
const text = readFileSync(fixture, 'utf8');
const options = { catalog: defaultCatalog };

describe('RouterBench wide CSV importer', () => {
  const samples = importRouterbench(text, 'routerbench-sample.csv', options);

  it('reads one sample per row with the models that ran, their scores, costs and responses', () => {
    expect(samples).toHaveLength(10);
    expect(samples[0]).toEqual({
      id: 'mmlu-astronomy.val.0',
      query: 'What is true for a type-Ia supernova?\nA. It occurs in binary systems\nB. It occurs in young galaxies',
      task: 'mmlu-astronomy',
      outcomes: {
        'gpt-4o': { score: 1, cost: 0.00042, response: 'A' },
        'mistral-small': { score: 1, cost: 0.00002, response: 'A' },
        'meta/llama-2-70b-chat': { score: 0, cost: 0.00051 },
      },
    });
    expect(samples[4]!.outcomes['gpt-4o']!.score).toBe(0.5);
    expect(samples[6]!.outcomes['gpt-4o']!.response).toBe('def f(a, b):\n    return set(a) & set(b)');
  });

  it('treats an empty score cell as "not run", not as 0', () => {
    expect(Object.keys(samples[3]!.outcomes)).toEqual(['gpt-4o', 'mistral-small']);
    expect(Object.keys(samples[9]!.outcomes)).toEqual(['gpt-4o', 'meta/llama-2-70b-chat']);
  });

  it('ignores columns that are not sample_id, prompt, eval_name or a model', () => {
    expect(JSON.stringify(samples)).not.toContain('oracle');
  });

  it('prices an empty cost cell from the catalog and flags it as estimated', () => {
    const csv = 'sample_id,prompt,eval_name,gpt-4o,gpt-4o|total_cost\ns1,abcdefgh,t,1,\n';
    const [sample] = importRouterbench(csv, 'x.csv', options);
    // 8 characters -> 2 input tokens, no response -> 256 assumed output tokens, at $2.50 / $10 per million.
    expect(sample!.outcomes['gpt-4o']).toEqual({
      score: 1,
      cost: (2 * 2.5 + 256 * 10) / 1e6,
      input_tokens: 2,
      output_tokens: 256,
      cost_estimated: true,
    });
  });

  it('names file, line and field of a bad cell, and returns nothing', () => {
    const bad = text.replace('hellaswag,1,0.0002,throws a ball', 'hellaswag,1.5,0.0002,throws a ball');
    const e = dataErrorOf(() => importRouterbench(bad, 'routerbench-sample.csv', options));
    expect(e.message).toMatch(/^routerbench-sample\.csv, line 9, field "gpt-4o": /);
    const badCost = text.replace('0.0021', '-1');
    expect(dataErrorOf(() => importRouterbench(badCost, 'rb.csv', options)).message).toMatch(
      /^rb\.csv, line 12, field "gpt-4o\|total_cost"/,
    );
  });

  it('fails on a row with too many cells, a missing column, or an unpriced model without a cost', () => {
    expect(dataErrorOf(() => importRouterbench(text.replace('Why is Mars red?', 'Why, is Mars red?'), 'rb.csv', options)).message).toMatch(
      /^rb\.csv, line 5: row has 13 cells/,
    );
    expect(dataErrorOf(() => importRouterbench('sample_id,prompt,gpt-4o,gpt-4o|total_cost\n', 'rb.csv', options)).message).toBe(
      'rb.csv, line 1, field "eval_name": required column is missing',
    );
    const unpriced = 'sample_id,prompt,eval_name,mystery-7b,mystery-7b|total_cost\ns1,hi,t,1,\n';
    expect(dataErrorOf(() => importRouterbench(unpriced, 'rb.csv', options)).message).toMatch(
      /^rb\.csv, line 2, field "mystery-7b\|total_cost": model "mystery-7b" is not in the catalog/,
    );
    const priced = importRouterbench(unpriced, 'rb.csv', { ...options, prices: { 'mystery-7b': { input_price: 1, output_price: 1 } } });
    expect(priced[0]!.outcomes['mystery-7b']!.cost).toBeCloseTo((1 + 256) / 1e6, 12);
  });
});
