// Seeded train/test split of a routing dataset, optionally stratified by task.
import type { RoutingSample } from './sample.ts';
import { mulberry32, shuffled } from './random.ts';

export interface SplitOptions {
  /** Share of samples that go to the test set, in [0,1]. */
  testFraction: number;
  seed: number;
  /** Split each task separately so train and test keep the task mix. */
  stratifyByTask?: boolean;
}

export interface Split {
  train: RoutingSample[];
  test: RoutingSample[];
}

/** The same samples, options and seed always give the same split; samples keep their original order in each part. */
export function splitDataset(samples: readonly RoutingSample[], options: SplitOptions): Split {
  if (!(options.testFraction >= 0 && options.testFraction <= 1))
    throw new Error(`testFraction must be in [0,1], got ${options.testFraction}`);
  const random = mulberry32(options.seed);
  const groups = new Map<string, number[]>();
  samples.forEach((s, i) => {
    const key = options.stratifyByTask ? (s.task ?? '') : '';
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const inTest = new Set<number>();
  for (const indices of groups.values()) {
    const count = Math.round(indices.length * options.testFraction);
    for (const i of shuffled(indices, random).slice(0, count)) inTest.add(i);
  }
  return {
    train: samples.filter((_, i) => !inTest.has(i)),
    test: samples.filter((_, i) => inTest.has(i)),
  };
}
