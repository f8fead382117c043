import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../catalog/catalog.ts';
import { dataErrorOf } from '../../../../test/data-error-of.ts';
import { importDcrouter } from './dcrouter.ts';

const options = { catalog: defaultCatalog };
const json = `[
  {
    "question": "What is 6 * 7?",
    "scores": {"qwen2.5-7b-instruct": 1, "gemma-2-9b-it": 0},
    "cluster_id": 3
  },
  {
    "question": "Name the capital of France.",
    "scores": {"qwen2.5-7b-instruct": 0.5}
  }
]`;

describe('dcrouter JSON importer', () => {
  it('reads each question with its per-model scores and prices from the catalog (LLMRouter names are catalog ids)', () => {
    const samples = importDcrouter(json, 'llmrouter/dcrouter_small.json', options);
    expect(samples.map((s) => s.id)).toEqual(['dcrouter_small-0', 'dcrouter_small-1']);
    // 14 characters -> 4 input tokens, 256 assumed output tokens, $0.20 / $0.20 per million (default_llm.json).
    expect(samples[0]!.outcomes['qwen2.5-7b-instruct']).toEqual({
      score: 1,
      cost: (260 * 0.2) / 1e6,
      input_tokens: 4,
      output_tokens: 256,
      cost_estimated: true,
    });
    expect(samples[0]!.outcomes['gemma-2-9b-it']!.cost).toBeCloseTo((260 * 0.1) / 1e6, 12);
    expect(samples[1]!.outcomes).toHaveProperty(['qwen2.5-7b-instruct', 'score'], 0.5);
  });

  it('names the line where the bad item starts and its field', () => {
    const bad = json.replace('"qwen2.5-7b-instruct": 0.5', '"qwen2.5-7b-instruct": 2');
    expect(dataErrorOf(() => importDcrouter(bad, 'dc.json', options)).message).toMatch(
      /^dc\.json, line 7, field "scores\.qwen2\.5-7b-instruct": /,
    );
    expect(dataErrorOf(() => importDcrouter(json.replace('"question": "Name', '"q": "Name'), 'dc.json', options)).message).toMatch(
      /^dc\.json, line 7, field "question"/,
    );
  });

  it('names the line of a JSON syntax error, and rejects a file that is not an array', () => {
    expect(dataErrorOf(() => importDcrouter(json.replace('"cluster_id": 3', '"cluster_id": 3,'), 'dc.json', options)).message).toMatch(
      /^dc\.json, line 6: invalid JSON/,
    );
    expect(dataErrorOf(() => importDcrouter('{"question": "x"}', 'dc.json', options)).message).toBe(
      'dc.json, line 1: expected a JSON array of records',
    );
  });

  it('fails naming a model the catalog lacks', () => {
    const text = '[{"question": "hi", "scores": {"gpt-9": 1}}]';
    expect(dataErrorOf(() => importDcrouter(text, 'dc.json', options)).message).toMatch(
      /^dc\.json, line 1, field "scores\.gpt-9": model "gpt-9" is not in the catalog .*--price gpt-9=INPUT,OUTPUT/,
    );
  });
});
