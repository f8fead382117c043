import { describe, expect, it } from 'vitest';
import { dataErrorOf } from '../../../test/data-error-of.ts';
import { joinSamples } from './duplicates.ts';
import type { RoutingSample } from './sample.ts';

const sample = (id: string, score = 1): RoutingSample => ({ id, query: `q ${id}`, outcomes: { m: { score, cost: 0.01 } } });

describe('the duplicate-id policy', () => {
  it('refuses repeated ids within a file and across files, naming them', () => {
    const parts = [
      { file: 'a.csv', samples: [sample('x'), sample('y'), sample('x', 0)] },
      { file: 'b.jsonl', samples: [sample('y', 0)] },
    ];
    expect(dataErrorOf(() => joinSamples(parts)).message).toBe(
      `a.csv, b.jsonl, field "id": 2 repeated sample ids: "x" (twice in a.csv), "y" (in a.csv and b.jsonl); remove them, or keep the first of each (--dedupe, or the lab's "Keep the first of repeated sample ids")`,
    );
  });

  it('names five ids and counts the rest', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const message = dataErrorOf(() => joinSamples([{ file: 'd.csv', samples: [...ids, ...ids].map((id) => sample(id)) }])).message;
    expect(message).toContain('7 repeated sample ids: "a" (twice in d.csv), "b"');
    expect(message).toContain('"e" (twice in d.csv) and 2 more;');
  });

  it('with dedupe keeps the first of each id, in order, and counts the rest', () => {
    const joined = joinSamples(
      [
        { file: 'a.csv', samples: [sample('x'), sample('y'), sample('x', 0)] },
        { file: 'b.csv', samples: [sample('y', 0)] },
      ],
      true,
    );
    expect(joined.samples).toEqual([sample('x'), sample('y')]);
    expect(joined.duplicates).toBe(2);
  });

  it('passes unique ids through untouched', () => {
    const samples = [sample('x'), sample('y')];
    expect(joinSamples([{ file: 'a.csv', samples }])).toEqual({ samples, duplicates: 0 });
  });
});
