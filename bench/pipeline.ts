// `npm run bench:pipeline`: how fast the benchmark pipeline scores answers, per scorer, and what a fresh Python
// interpreter costs. Answers are the fixture's (test-server/benchmark-answers.ts) for all of LLMRouter's
// default_query_test.jsonl (706 queries x 3 models: right, wrong and awkward answers in the styles models write);
// code answers run in the Node code sandbox (one child process, a fresh interpreter each). Also a whole 5-per-task
// run (210 pairs) against the provider test server in fixture mode. Writes bench/pipeline.json and prints the table
// of docs/pipeline.md.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sharedData } from '../test/shared-data.ts';
import { BENCH_MODELS, benchFixture, benchItems } from '../test/helpers/benchmark-run.ts';
import { startTestServer } from '../test-server/server.ts';
import { BenchmarkFixture } from '../test-server/benchmark-fixture.ts';
import type { BenchmarkItem } from '../src/core/pipeline/benchmark-item.ts';
import { scorerFor } from '../src/core/pipeline/scorers/registry.ts';
import { createNodePythonRunner } from '../src/platform/node/python-runner.ts';
import { planRun } from '../src/core/pipeline/plan.ts';
import { runPipeline } from '../src/core/pipeline/run.ts';
import { DEFAULT_TASKS } from '../src/core/pipeline/tasks.ts';
import { RoutedCaller } from '../src/core/providers/routed-call.ts';
import type { PipelineResult } from '../src/core/pipeline/result.ts';

if (!sharedData) throw new Error('bench:pipeline needs the shared data (../shared/data)');
const queries = join(sharedData, 'llmrouter/default_query_test.jsonl');
const all = benchItems(queries, 1_000_000);
const fixture = benchFixture(all);
const answers = all.flatMap((item) =>
  fixture.entries.filter((e) => e.match === item.query.trim()).map((e) => ({ item, answer: e.answer })),
);

/** Answers scored per second by a pure scorer: every answer of its metric, repeated for at least a second. */
function pureThroughput(metric: string): { metric: string; answers: number; perSecond: number } {
  const mine = answers.filter((a) => a.item.metric.toLowerCase() === metric.toLowerCase());
  const scorer = scorerFor(metric);
  let scored = 0;
  const started = performance.now();
  while (performance.now() - started < 1_000) {
    for (const { item, answer } of mine) void scorer(answer, item, {});
    scored += mine.length;
  }
  return { metric, answers: mine.length, perSecond: Math.round(scored / ((performance.now() - started) / 1000)) };
}

/** Plain Pyodide start in a fresh worker thread, as the code scorer would pay per answer without the snapshot. */
function plainColdStart(): Promise<number> {
  const module = import.meta.resolve('pyodide');
  const indexURL = fileURLToPath(new URL('.', module));
  const code = `import { parentPort } from 'node:worker_threads'; import { loadPyodide } from ${JSON.stringify(module)};
    const t = performance.now(); const py = await loadPyodide({ indexURL: ${JSON.stringify(indexURL)}, jsglobals: {} }); py.runPython('1'); parentPort.postMessage(performance.now() - t);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
    worker.once('message', (ms: number) => void worker.terminate().then(() => resolve(ms)));
    worker.once('error', reject);
  });
}

async function codeThroughput(items: BenchmarkItem[]) {
  const ids = new Set(items.map((i) => i.id));
  const code = answers.filter((a) => a.item.metric === 'code_eval' && ids.has(a.item.id));
  const python = createNodePythonRunner({ timeoutMs: 10_000 });
  const scorer = scorerFor('code_eval');
  const started = performance.now();
  await scorer(code[0]!.answer, code[0]!.item, { python });
  const firstMs = performance.now() - started;
  const rest = performance.now();
  for (const { item, answer } of code.slice(1)) await scorer(answer, item, { python });
  const perSecond = (code.length - 1) / ((performance.now() - rest) / 1000);
  python.close();
  return {
    answers: code.length,
    firstAnswerMs: Math.round(firstMs),
    perSecond: Number(perSecond.toFixed(2)),
    msPerAnswer: Math.round(1000 / perSecond),
  };
}

async function wholeRun() {
  const items = benchItems(queries);
  const server = await startTestServer({ fixture: new BenchmarkFixture(benchFixture(items)) });
  const catalog = BENCH_MODELS.map(({ skill: _s, ...m }) => ({ ...m, context_window: 32768, description: m.id, strengths: [] }));
  const caller = new RoutedCaller({
    catalog,
    endpoint: (provider) => ({
      provider,
      wire: 'openai',
      baseUrl: `${server.url}/${provider === 'openai' ? 'openai' : 'local'}/v1`,
      key: 'sk-bench',
      streamUsage: true,
    }),
    concurrency: 16,
  });
  const results: PipelineResult[] = [];
  const python = createNodePythonRunner({ timeoutMs: 10_000 });
  const started = performance.now();
  const summary = await runPipeline({
    plan: planRun(items, catalog, DEFAULT_TASKS, []),
    caller,
    store: { load: async () => [], append: async (r) => void results.push(r) },
    scoring: { python },
    concurrency: 4,
  });
  const seconds = (performance.now() - started) / 1000;
  python.close();
  await server.close();
  return {
    pairs: results.length,
    failed: summary.failed,
    seconds: Number(seconds.toFixed(1)),
    pairsPerSecond: Number((results.length / seconds).toFixed(2)),
  };
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start`;
const pure = ['em_mc', 'f1_score', 'GSM8K', 'MATH', 'commongen_coverage'].map(pureThroughput);
const plainStarts = [await plainColdStart(), await plainColdStart(), await plainColdStart()].map(Math.round);
const code = await codeThroughput(benchItems(queries));
const run = await wholeRun();
const result = { date: new Date().toISOString(), machine, pure, code, pyodide_plain_cold_start_ms: plainStarts, whole_run: run };
writeFileSync(new URL('./pipeline.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);

console.log(`Measured on ${machine}.\n`);
console.log('| scorer | answers | answers scored/s |\n| --- | --- | --- |');
for (const p of pure) console.log(`| ${p.metric} | ${p.answers} | ${p.perSecond.toLocaleString('en-US')} |`);
console.log(`| code_eval (Pyodide, fresh interpreter each) | ${code.answers} | ${code.perSecond} (${code.msPerAnswer} ms an answer) |`);
console.log(
  `\nPyodide cold start: ${code.firstAnswerMs} ms to the first code answer (boot + memory snapshot + first restore); a plain loadPyodide in a fresh worker thread: ${plainStarts.join(', ')} ms.`,
);
console.log(
  `Whole run (70 queries x 3 models against the test server, code included): ${run.pairs} pairs in ${run.seconds} s (${run.pairsPerSecond} pairs/s), ${run.failed} failed.`,
);
