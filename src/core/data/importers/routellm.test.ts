import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../catalog/catalog.ts';
import { dataErrorOf } from '../../../../test/data-error-of.ts';
import { importRoutellm } from './routellm.ts';

const options = { catalog: defaultCatalog };
const mixtral = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const csv = [
  `prompt,${mixtral},gpt-4-1106-preview,${mixtral}_response,gpt-4-1106-preview_response`,
  `"What is 2+2?\nAnswer briefly.",True,True,4,The answer is 4.`,
  `Name a prime.,False,True,9,7`,
  `Unrun question,,False,,no`,
].join('\n');

describe('RouteLLM eval CSV importer', () => {
  it('reads booleans as scores, the file name as task, responses, and prices calls from the catalog', () => {
    const samples = importRoutellm(csv, 'data/gsm8k_small.csv', options);
    expect(samples.map((s) => s.id)).toEqual(['gsm8k_small-0', 'gsm8k_small-1', 'gsm8k_small-2']);
    expect(samples[0]!.task).toBe('gsm8k_small');
    expect(samples[0]!.query).toBe('What is 2+2?\nAnswer briefly.');
    // 28 characters -> 7 input tokens; response "The answer is 4." is 16 characters -> 4 output tokens; GPT-4 Turbo $10 / $30.
    expect(samples[0]!.outcomes['gpt-4-1106-preview']).toEqual({
      score: 1,
      cost: (7 * 10 + 4 * 30) / 1e6,
      input_tokens: 7,
      output_tokens: 4,
      cost_estimated: true,
      response: 'The answer is 4.',
    });
    expect(samples[1]!.outcomes[mixtral]!.score).toBe(0);
    expect(Object.keys(samples[2]!.outcomes)).toEqual(['gpt-4-1106-preview']);
  });

  it('assumes 256 output tokens when the file has no responses', () => {
    const [sample] = importRoutellm(`prompt,gpt-4-1106-preview\nabcd,True\n`, 'mmlu_anatomy.csv', options);
    expect(sample!.outcomes['gpt-4-1106-preview']!.output_tokens).toBe(256);
    expect(sample!.outcomes['gpt-4-1106-preview']!.cost).toBeCloseTo((1 * 10 + 256 * 30) / 1e6, 12);
  });

  it('names file, line and field of a cell that is not a boolean', () => {
    const e = dataErrorOf(() => importRoutellm(csv.replace('False,True,9,7', 'maybe,True,9,7'), 'gsm.csv', options));
    expect(e.message).toMatch(new RegExp(`^gsm\\.csv, line 4, field "${mixtral.replace(/[.]/g, '\\.')}": `));
  });

  it('fails naming a model the catalog lacks, unless the user prices it', () => {
    const text = 'prompt,my-local-llm\nhi,True\n';
    expect(dataErrorOf(() => importRoutellm(text, 'x.csv', options)).message).toMatch(
      /^x\.csv, line 2, field "my-local-llm": model "my-local-llm" is not in the catalog/,
    );
    const [sample] = importRoutellm(text, 'x.csv', { ...options, prices: { 'my-local-llm': { input_price: 0, output_price: 0 } } });
    expect(sample!.outcomes['my-local-llm']!.cost).toBe(0);
  });

  it('fails on a header without prompt or without model columns', () => {
    expect(dataErrorOf(() => importRoutellm('question,gpt-4o\nx,True\n', 'x.csv', options)).message).toBe(
      'x.csv, line 1, field "prompt": required column is missing',
    );
    expect(dataErrorOf(() => importRoutellm('prompt\nx\n', 'x.csv', options)).message).toMatch(/^x\.csv, line 1: no model columns/);
  });
});
