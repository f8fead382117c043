// What a run will do: every (query, model) pair with its prompt, the template and metric of its task, less the
// pairs already done. Planned before anything is called, so the estimate and the run see the same list.
import type { CatalogModel } from '../catalog/model.ts';
import type { BenchmarkItem } from './benchmark-item.ts';
import { latestResults, pairKey, type PipelineResult } from './result.ts';
import { taskDefinition, type TaskSet } from './tasks.ts';
import { renderPrompt } from './templates.ts';

export interface PlannedJob {
  item: BenchmarkItem;
  model: CatalogModel;
  prompt: string;
  template: string;
  metric: string;
}

export interface RunPlan {
  /** Pairs still to run: never run, or whose latest record failed. */
  jobs: PlannedJob[];
  /** Pairs already done (latest record ok). */
  done: number;
  /** Pairs whose latest record failed, to be retried. */
  retrying: number;
  total: number;
}

export function planRun(
  items: readonly BenchmarkItem[],
  models: readonly CatalogModel[],
  tasks: TaskSet,
  previous: readonly PipelineResult[],
): RunPlan {
  const latest = latestResults(previous);
  const plan: RunPlan = { jobs: [], done: 0, retrying: 0, total: items.length * models.length };
  for (const item of items) {
    const task = taskDefinition(tasks, item.task, item.metric, item.tests !== undefined);
    const prompt = renderPrompt(item, task.template, tasks.templates);
    for (const model of models) {
      const last = latest.get(pairKey(item.id, model.id));
      if (last?.status === 'ok') {
        plan.done += 1;
        continue;
      }
      if (last) plan.retrying += 1;
      plan.jobs.push({ item, model, prompt, template: task.template, metric: item.metric || task.metric });
    }
  }
  return plan;
}
