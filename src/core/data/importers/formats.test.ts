import { describe, expect, it } from 'vitest';
import { detectFormat } from './formats.ts';

describe('format detection', () => {
  it('tells each format from its extension and first record', () => {
    expect(detectFormat('[{"question": "x", "scores": {}}]', 'dcrouter_train.json')).toBe('dcrouter');
    expect(detectFormat('{"id":"a","query":"q","outcomes":{}}\n', 'd.jsonl')).toBe('native');
    expect(detectFormat('{"task_name":"mmlu","query":"q","model_name":"m","performance":1}\n', 'routing.jsonl')).toBe('llmrouter');
    expect(detectFormat('sample_id,prompt,eval_name,gpt-4o,gpt-4o|total_cost\n', 'rb.csv')).toBe('routerbench');
    expect(detectFormat('prompt,gpt-4-1106-preview\n"x",True\n', 'mmlu_anatomy.CSV')).toBe('routellm');
  });

  it('fails on an unknown extension, naming the file', () => {
    expect(() => detectFormat('', 'data.parquet')).toThrow(/^data\.parquet: cannot tell the format/);
  });
});
