import { describe, expect, it } from 'vitest';
import { splitDataset } from './split.ts';
import { mulberry32 } from './random.ts';
import type { RoutingSample } from './sample.ts';

const samples: RoutingSample[] = Array.from({ length: 200 }, (_, i) => ({
  id: `q${i}`,
  query: `query ${i}`,
  task: i < 150 ? 'mmlu' : 'gsm8k',
  outcomes: { a: { score: i % 2, cost: 0.001 } },
}));
const ids = (list: RoutingSample[]) => list.map((s) => s.id);

describe('seeded train/test split', () => {
  it('mulberry32 gives the same sequence for a seed, in [0,1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seq = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(seq);
    expect(seq.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(1)()).toBeCloseTo(0.6270739405881613, 15);
  });

  it('is deterministic for a seed, differs across seeds, and partitions the samples', () => {
    const one = splitDataset(samples, { testFraction: 0.2, seed: 7 });
    expect(ids(splitDataset(samples, { testFraction: 0.2, seed: 7 }).test)).toEqual(ids(one.test));
    expect(ids(splitDataset(samples, { testFraction: 0.2, seed: 8 }).test)).not.toEqual(ids(one.test));
    expect(one.test).toHaveLength(40);
    expect(one.train).toHaveLength(160);
    expect(new Set([...ids(one.train), ...ids(one.test)]).size).toBe(200);
  });

  it('keeps each task in proportion when stratified', () => {
    const { test } = splitDataset(samples, { testFraction: 0.2, seed: 3, stratifyByTask: true });
    expect(test.filter((s) => s.task === 'mmlu')).toHaveLength(30);
    expect(test.filter((s) => s.task === 'gsm8k')).toHaveLength(10);
  });

  it('rejects a fraction outside [0,1]', () => {
    expect(() => splitDataset(samples, { testFraction: 1.5, seed: 1 })).toThrow(/testFraction/);
  });
});
