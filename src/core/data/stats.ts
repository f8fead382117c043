// Summary figures of a routing dataset: queries, per-model runs, mean score and total cost, per-task counts.
import type { RoutingSample } from './sample.ts';
import { nameMap } from './named-record.ts';

export interface ModelStats {
  model: string;
  /** Queries this model was run on. */
  count: number;
  meanScore: number;
  /** USD over all its runs. */
  totalCost: number;
  /** Runs whose cost was estimated from the text rather than given. */
  estimatedCosts: number;
}

export interface DatasetStats {
  queries: number;
  models: ModelStats[];
  /** Queries per task; empty when no sample names a task. */
  tasks: Record<string, number>;
}

export function datasetStats(samples: readonly RoutingSample[]): DatasetStats {
  const models = new Map<string, ModelStats>();
  const tasks = nameMap<number>();
  for (const s of samples) {
    if (s.task !== undefined) tasks[s.task] = (tasks[s.task] ?? 0) + 1;
    for (const [model, o] of Object.entries(s.outcomes)) {
      const m = models.get(model) ?? { model, count: 0, meanScore: 0, totalCost: 0, estimatedCosts: 0 };
      m.count++;
      m.meanScore += o.score;
      m.totalCost += o.cost;
      if (o.cost_estimated) m.estimatedCosts++;
      models.set(model, m);
    }
  }
  for (const m of models.values()) m.meanScore /= m.count;
  return { queries: samples.length, models: [...models.values()], tasks };
}
