import { describe, expect, it } from 'vitest';
import { dataErrorOf } from '../../../test/data-error-of.ts';
import { readNative, writeNative } from './native.ts';
import type { RoutingSample } from './sample.ts';

const samples: RoutingSample[] = [
  {
    id: 'mmlu-17',
    query: 'Which "planet"\nis red?',
    task: 'mmlu',
    ground_truth: 'B',
    metric: 'em_mc',
    outcomes: {
      'gpt-4o': { score: 1, cost: 0.00042, input_tokens: 212, output_tokens: 40, latency_ms: 900 },
      'llama-3.1-8b': { score: 0, cost: 0.00003 },
    },
  },
  { id: 'gsm8k-1', query: '6 * 7?', outcomes: { 'gpt-4o': { score: 0.5, cost: 0.001, cost_estimated: true } } },
];

describe('native JSONL dataset', () => {
  it('writes one object per line and reads it back unchanged', () => {
    const text = writeNative(samples);
    expect(text.split('\n')).toHaveLength(3);
    expect(readNative(text, 'd.jsonl')).toEqual(samples);
  });

  it('skips blank lines', () => {
    expect(readNative('\n' + writeNative(samples) + '\n\n', 'd.jsonl')).toHaveLength(2);
  });

  it('names file, line and field of an invalid record', () => {
    const lines = writeNative(samples).split('\n');
    lines[1] = lines[1]!.replace('"score":0.5', '"score":1.5');
    expect(dataErrorOf(() => readNative(lines.join('\n'), 'd.jsonl')).message).toMatch(
      /^d\.jsonl, line 2, field "outcomes\.gpt-4o\.score": /,
    );
    expect(dataErrorOf(() => readNative('{"id":"a","outcomes":{}}', 'd.jsonl')).message).toMatch(/^d\.jsonl, line 1, field "query": /);
    expect(dataErrorOf(() => readNative('{"id":', 'd.jsonl')).message).toMatch(/^d\.jsonl, line 1: invalid JSON/);
  });
});
