// `llmrouter generate`: routing data for your own models. Benchmark queries (LLMRouter's query JSONL or the native
// dataset), a seeded per-task sample, each asked of every model through the provider layer, scored, and written as
// it lands to FILE.results.jsonl; at the end the native dataset (--out) and a per-task, per-model summary
// (FILE.summary.json). Rerunning the same command skips what is done and retries what failed.
import { createInterface } from 'node:readline/promises';
import type { Command } from '../command.ts';
import { existingFile, numberFlag, requiredFlag } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { catalogFlag, catalogModels, idsFlag } from '../catalog-flags.ts';
import { baseUrls, cliEndpoints } from '../provider-endpoints.ts';
import { estimateLines, progressPrinter } from '../pipeline-progress.ts';
import type { CatalogModel } from '../../core/catalog/model.ts';
import { writeNative } from '../../core/data/native.ts';
import { RoutedCaller } from '../../core/providers/routed-call.ts';
import { completeVia } from '../../core/routers/routed-complete.ts';
import { readBenchmarkQueries, type BenchmarkItem } from '../../core/pipeline/benchmark-item.ts';
import { toDataset, summarize, type SummaryCell } from '../../core/pipeline/dataset.ts';
import { estimateRun } from '../../core/pipeline/estimate.ts';
import { planRun, type RunPlan } from '../../core/pipeline/plan.ts';
import { DEFAULT_MAX_TOKENS, runPipeline } from '../../core/pipeline/run.ts';
import { sampleItems } from '../../core/pipeline/sampler.ts';
import type { ScoreContext } from '../../core/pipeline/scorers/registry.ts';
import { DEFAULT_TASKS, withTaskFile, type TaskSet } from '../../core/pipeline/tasks.ts';
import { readText, writeTextAtomic } from '../../platform/node/files.ts';
import { ResultJournal } from '../../platform/node/result-journal.ts';
import { createNodePythonRunner } from '../../platform/node/python-runner.ts';

/** FILE.jsonl -> FILE<suffix>: the journal and summary beside the dataset. */
export function besideOut(out: string, suffix: string): string {
  return `${out.replace(/\.jsonl$/i, '')}${suffix}`;
}

async function taskSet(path: unknown): Promise<TaskSet> {
  if (typeof path !== 'string') return DEFAULT_TASKS;
  return withTaskFile(DEFAULT_TASKS, JSON.parse(await readText(existingFile(path, 'tasks file'))), path);
}

function positiveInteger(values: Record<string, unknown>, name: string, fallback: number): number {
  const n = numberFlag(values as never, name, fallback);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new UsageError('no terminal to confirm the cost on: pass --yes to run');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(question);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

/** Tasks in the order the queries give them, then "all"; models in the order named. */
function orderCells(cells: SummaryCell[], items: readonly { task: string }[], models: readonly CatalogModel[]): SummaryCell[] {
  const tasks = [...new Set(items.map((i) => i.task)), 'all'];
  const ids = models.map((m) => m.id);
  return cells.sort((a, b) => tasks.indexOf(a.task) - tasks.indexOf(b.task) || ids.indexOf(a.model) - ids.indexOf(b.model));
}

function summaryTable(cells: readonly SummaryCell[]): string {
  const rows = cells.map((c) => {
    const failed = c.failed ? `${c.failed} failed` : '';
    const measures = `${String(c.n).padStart(4)} ${c.meanScore.toFixed(3)} $${c.costUsd.toFixed(5)}`;
    return `${c.task.padEnd(22)} ${c.model.padEnd(24)} ${measures} ${failed}`;
  });
  return [`${'task'.padEnd(22)} ${'model'.padEnd(24)} ${'n'.padStart(4)} score cost`, ...rows].join('\n');
}

function scoring(plan: RunPlan, caller: RoutedCaller, judge: unknown, codeTimeoutMs: number): ScoreContext {
  const metrics = new Set(plan.jobs.map((j) => j.metric.toLowerCase()));
  const context: ScoreContext = {};
  if (metrics.has('code_eval')) context.python = createNodePythonRunner({ timeoutMs: codeTimeoutMs });
  if (metrics.has('llm_judge')) {
    if (typeof judge !== 'string') throw new UsageError('some tasks use llm_judge: name the judge model with --judge MODEL');
    context.judge = { complete: completeVia(caller), model: judge };
  }
  return context;
}

/** Writes the native dataset to `out` and the per-task, per-model summary beside it; prints the table and where they went. */
async function writeOutputs(
  out: string,
  queriesFile: string,
  items: readonly BenchmarkItem[],
  models: readonly CatalogModel[],
  journal: ResultJournal,
): Promise<void> {
  const results = await journal.compact();
  const dataset = toDataset(
    items,
    models.map((m) => m.id),
    results,
  );
  await writeTextAtomic(out, writeNative(dataset));
  const cells = orderCells(summarize(results.filter((r) => items.some((i) => i.id === r.id))), items, models);
  const summaryFile = besideOut(out, '.summary.json');
  await writeTextAtomic(summaryFile, `${JSON.stringify({ queries: queriesFile, models: models.map((m) => m.id), cells }, null, 2)}\n`);
  process.stderr.write(`${summaryTable(cells)}\n`);
  console.log(`wrote ${dataset.length} queries with outcomes to ${out} (results: ${journal.path}, summary: ${summaryFile})`);
}

export const generate: Command = {
  usage:
    'llmrouter generate --queries FILE [--per-task N] [--seed S] ' +
    '--models A,B,C [--catalog FILE] [--base-url PROVIDER=URL]... ' +
    '[--budget USD] [--concurrency N] [--max-tokens N] ' +
    '[--tasks FILE.json] [--judge MODEL] [--code-timeout MS] ' +
    '[--yes] --out FILE.jsonl',
  options: {
    queries: { type: 'string' },
    'per-task': { type: 'string' },
    seed: { type: 'string' },
    models: { type: 'string' },
    catalog: { type: 'string' },
    'base-url': { type: 'string', multiple: true },
    budget: { type: 'string' },
    concurrency: { type: 'string' },
    'max-tokens': { type: 'string' },
    tasks: { type: 'string' },
    judge: { type: 'string' },
    'code-timeout': { type: 'string' },
    yes: { type: 'boolean' },
    out: { type: 'string' },
  },
  async run({ values }) {
    const queriesFile = existingFile(requiredFlag(values, 'queries'), 'queries file');
    const out = requiredFlag(values, 'out');
    const catalog = await catalogFlag(values);
    requiredFlag(values, 'models');
    const models = catalogModels(catalog, idsFlag(values, 'models') ?? [], 'models');
    if (typeof values.judge === 'string') catalogModels(catalog, [values.judge], 'judge');
    const budget = values.budget === undefined ? undefined : numberFlag(values, 'budget', 0);
    if (budget !== undefined && !(budget > 0)) throw new UsageError('--budget must be a positive number of USD');
    const maxTokens = positiveInteger(values, 'max-tokens', DEFAULT_MAX_TOKENS);
    const items = sampleItems(readBenchmarkQueries(await readText(queriesFile), queriesFile), {
      ...(values['per-task'] !== undefined ? { perTask: positiveInteger(values, 'per-task', 1) } : {}),
      seed: numberFlag(values, 'seed', 1),
    });
    const journal = new ResultJournal(besideOut(out, '.results.jsonl'));
    const plan = planRun(items, models, await taskSet(values.tasks), await journal.load());

    const endpoint = cliEndpoints(models, baseUrls(values['base-url']));
    for (const provider of new Set(models.map((m) => m.provider)))
      if (!endpoint(provider)) throw new Error(`provider ${provider} cannot be called: set its key or --base-url ${provider}=URL`);
    const estimate = estimateRun(plan.jobs, maxTokens);
    const taskCount = new Set(items.map((i) => i.task)).size;
    process.stderr.write(
      `${items.length} queries over ${taskCount} tasks x ${models.length} models: ` +
        `${plan.done} pairs done, ${plan.retrying} to retry, ${plan.jobs.length} to run\n`,
    );
    process.stderr.write(`${estimateLines(estimate, maxTokens).join('\n')}\n`);
    if (plan.jobs.length > 0 && values.yes !== true && !(await confirm('Run it? [y/N] ')))
      throw new UsageError('not confirmed: nothing was run');

    const concurrency = positiveInteger(values, 'concurrency', 4);
    const caller = new RoutedCaller({ catalog: catalog.models, endpoint, concurrency: concurrency * models.length + 1 });
    const context = scoring(plan, caller, values.judge, positiveInteger(values, 'code-timeout', 5_000));
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    const printer = progressPrinter(budget);
    try {
      const summary = await runPipeline({
        plan,
        caller,
        store: journal,
        scoring: context,
        budgetUsd: budget,
        concurrency,
        maxTokens,
        signal: abort.signal,
        onProgress: printer.onProgress,
      });
      printer.end();
      if (summary.stopped !== 'complete')
        process.stderr.write(`[stopped: ${summary.reason ?? summary.stopped}; rerun the same command to continue]\n`);
    } finally {
      context.python?.close();
    }
    await writeOutputs(out, queriesFile, items, models, journal);
  },
};
