// Picks the queries to run: per task, a seeded random choice of N (all when a task has fewer), in file order,
// so the same file, count and seed always give the same sample (a rerun resumes the same run).
import { mulberry32, shuffled } from '../data/random.ts';
import type { BenchmarkItem } from './benchmark-item.ts';

export interface SampleOptions {
  /** Queries per task; all when absent. A map gives a count per task (others: `perTask` or all). */
  perTask?: number;
  counts?: Readonly<Record<string, number>>;
  seed?: number;
}

export function sampleItems(items: readonly BenchmarkItem[], options: SampleOptions = {}): BenchmarkItem[] {
  const byTask = new Map<string, BenchmarkItem[]>();
  for (const item of items) byTask.set(item.task, (byTask.get(item.task) ?? []).concat(item));
  const chosen = new Set<BenchmarkItem>();
  for (const [task, list] of byTask) {
    const n = options.counts?.[task] ?? options.perTask ?? list.length;
    for (const item of shuffled(list, mulberry32((options.seed ?? 1) ^ hash(task))).slice(0, n)) chosen.add(item);
  }
  return items.filter((i) => chosen.has(i));
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
