import { describe, expect, it } from 'vitest';
import { readJsonArray } from './json-records.ts';

describe('JSON array records', () => {
  it('tags each item with the line it starts on, whatever strings and nesting it holds', () => {
    const text = '[\n  {"a": "x ] , [ \\" {"},\n\n  {"b": [1,\n 2]}, 3,\n  "s"\n]';
    expect(readJsonArray(text, 'f.json')).toEqual([
      { line: 2, value: { a: 'x ] , [ " {' } },
      { line: 4, value: { b: [1, 2] } },
      { line: 5, value: 3 },
      { line: 6, value: 's' },
    ]);
    expect(readJsonArray('[]', 'f.json')).toEqual([]);
  });
});
