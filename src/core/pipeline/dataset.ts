// A run's results as the native routing dataset (one sample per query, an outcome per model with score, cost,
// tokens, latency and the response; failed pairs left out, as "not run") and as a per-task, per-model summary.
import type { Outcome, RoutingSample } from '../data/sample.ts';
import type { BenchmarkItem } from './benchmark-item.ts';
import { latestResults, pairKey, type PipelineResult } from './result.ts';
import { nameMap } from '../data/named-record.ts';

export function toDataset(items: readonly BenchmarkItem[], models: readonly string[], results: readonly PipelineResult[]): RoutingSample[] {
  const latest = latestResults(results);
  const samples: RoutingSample[] = [];
  for (const item of items) {
    const outcomes = nameMap<Outcome>();
    for (const model of models) {
      const r = latest.get(pairKey(item.id, model));
      if (r?.status !== 'ok' || r.score === undefined) continue;
      outcomes[model] = {
        score: r.score,
        cost: r.cost,
        ...(r.input_tokens !== undefined ? { input_tokens: r.input_tokens } : {}),
        ...(r.output_tokens !== undefined ? { output_tokens: r.output_tokens } : {}),
        ...(r.latency_ms !== undefined ? { latency_ms: r.latency_ms } : {}),
        ...(r.usage_estimated ? { cost_estimated: true } : {}),
        ...(r.response !== undefined ? { response: r.response } : {}),
      };
    }
    if (Object.keys(outcomes).length > 0)
      samples.push({ id: item.id, query: item.query, task: item.task, ground_truth: item.ground_truth, metric: item.metric, outcomes });
  }
  return samples;
}

export interface SummaryCell {
  task: string;
  model: string;
  /** Pairs scored. */
  n: number;
  meanScore: number;
  costUsd: number;
  meanLatencyMs: number;
  /** Pairs whose latest record failed. */
  failed: number;
}

/** One row per (task, model), tasks then models in first-seen order, plus an "all" row per model. */
export function summarize(results: readonly PipelineResult[]): SummaryCell[] {
  const cells = new Map<string, SummaryCell & { latency: number }>();
  for (const r of latestResults(results).values()) {
    for (const task of [r.task, 'all']) {
      const key = pairKey(task, r.model);
      const cell =
        cells.get(key) ??
        cells.set(key, { task, model: r.model, n: 0, meanScore: 0, costUsd: 0, meanLatencyMs: 0, failed: 0, latency: 0 }).get(key)!;
      cell.costUsd += r.cost;
      if (r.status === 'failed') {
        cell.failed += 1;
        continue;
      }
      cell.n += 1;
      cell.meanScore += r.score ?? 0;
      cell.latency += r.latency_ms ?? 0;
    }
  }
  return [...cells.values()].map(({ latency, ...cell }) => ({
    ...cell,
    meanScore: cell.n ? cell.meanScore / cell.n : 0,
    meanLatencyMs: cell.n ? latency / cell.n : 0,
  }));
}
