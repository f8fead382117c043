// The benchmark pipeline in the app (loaded on demand: it carries the scorers and the lemmatizer's word lists):
// reads a query file, samples it, estimates a run, and runs or resumes one through the app's provider layer with
// results in IndexedDB, code answers scored by Pyodide in a Web Worker, and the finished run turned into a lab dataset.
import type { CatalogModel } from '../../core/catalog/model.ts';
import { datasetStats } from '../../core/data/stats.ts';
import type { RoutedCaller } from '../../core/providers/routed-call.ts';
import { completeVia } from '../../core/routers/routed-complete.ts';
import type { ScoreContext } from '../../core/pipeline/scorers/registry.ts';
import { readBenchmarkQueries, type BenchmarkItem } from '../../core/pipeline/benchmark-item.ts';
import { summarize, toDataset, type SummaryCell } from '../../core/pipeline/dataset.ts';
import { estimateRun, type RunEstimate } from '../../core/pipeline/estimate.ts';
import { planRun } from '../../core/pipeline/plan.ts';
import { runPipeline, DEFAULT_MAX_TOKENS, type RunProgress, type RunSummary } from '../../core/pipeline/run.ts';
import { sampleItems } from '../../core/pipeline/sampler.ts';
import { DEFAULT_TASKS, taskDefinition, type TaskSet } from '../../core/pipeline/tasks.ts';
import { idbResultStore, type PipelineRunRecord } from '../../platform/browser/pipeline-store.ts';
import { createBrowserPythonRunner } from '../../workers/python-client.ts';
import type { DatasetRecord } from '../stores/lab.ts';

export function readQueries(text: string, fileName: string, perTask: number, seed: number): BenchmarkItem[] {
  return sampleItems(readBenchmarkQueries(text, fileName), { perTask, seed });
}

function taskSet(templates: Record<string, string>): TaskSet {
  return { tasks: DEFAULT_TASKS.tasks, templates: { ...DEFAULT_TASKS.templates, ...templates } };
}

/** Whether any of these items is scored by a judge model. */
export function needsJudge(items: readonly BenchmarkItem[]): boolean {
  return items.some((i) => i.metric.toLowerCase() === 'llm_judge');
}

/** The templates these items use, by id, with their current text. */
export function templatesUsed(items: readonly BenchmarkItem[], edited: Record<string, string>): Record<string, string> {
  const set = taskSet(edited);
  const ids = new Set(items.map((i) => taskDefinition(set, i.task, i.metric, i.tests !== undefined).template));
  return Object.fromEntries([...ids].map((id) => [id, set.templates[id]!]));
}

export async function estimate(run: PipelineRunRecord, models: readonly CatalogModel[]): Promise<RunEstimate & { done: number }> {
  const plan = planRun(run.items, models, taskSet(run.templates), await idbResultStore(run.id).load());
  return { ...estimateRun(plan.jobs, DEFAULT_MAX_TOKENS), done: plan.done };
}

export interface SessionOutcome {
  summary: RunSummary;
  cells: SummaryCell[];
  dataset?: DatasetRecord;
}

/** Runs (or resumes) a run; when every pair is done, its dataset is returned for the lab. */
export async function runSession(
  run: PipelineRunRecord,
  models: readonly CatalogModel[],
  caller: Pick<RoutedCaller, 'call'>,
  onProgress: (p: RunProgress) => void,
  signal: AbortSignal,
): Promise<SessionOutcome> {
  const store = idbResultStore(run.id);
  const plan = planRun(run.items, models, taskSet(run.templates), await store.load());
  const python = plan.jobs.some((j) => j.metric.toLowerCase() === 'code_eval') ? createBrowserPythonRunner() : undefined;
  const scoring: ScoreContext = {
    ...(python ? { python } : {}),
    ...(run.judge ? { judge: { complete: completeVia(caller), model: run.judge } } : {}),
  };
  try {
    const summary = await runPipeline({
      plan,
      caller,
      store,
      scoring,
      budgetUsd: run.budgetUsd,
      concurrency: run.concurrency,
      signal,
      onProgress,
    });
    const results = await store.load();
    const cells = summarize(results);
    const complete = summary.stopped === 'complete' && summary.failed === 0;
    if (!complete) return { summary, cells };
    const samples = toDataset(run.items, run.models, results);
    const dataset: DatasetRecord = {
      id: run.datasetId ?? crypto.randomUUID(),
      name: `generated from ${run.source}`,
      format: 'pipeline',
      importedAt: Date.now(),
      stats: datasetStats(samples),
      samples,
    };
    return { summary, cells, dataset };
  } finally {
    python?.close();
  }
}

/** The summary of what a run has so far. */
export async function runCells(run: PipelineRunRecord): Promise<{ cells: SummaryCell[]; progress: RunProgress }> {
  const results = await idbResultStore(run.id).load();
  const cells = summarize(results);
  const all = cells.filter((c) => c.task === 'all');
  return {
    cells,
    progress: {
      done: all.reduce((n, c) => n + c.n, 0),
      total: run.items.length * run.models.length,
      failed: all.reduce((n, c) => n + c.failed, 0),
      spentUsd: all.reduce((s, c) => s + c.costUsd, 0),
    },
  };
}
