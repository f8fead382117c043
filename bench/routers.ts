// `npm run bench:routers`: every offline router on LLMRouter's dcrouter split and RouteLLM's MMLU and
// GSM8K files (80/20, seed 1) with the project's encoder (or --encoder, as the CLI takes it); the model-agnostic router also with models
// held out; then training time in a worker thread and routing time with 10,000 training samples.
// Writes bench/routers.json and the table between the bench markers in README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { benchDatasets, type BenchDataset } from './bench-data.ts';
import { runEvaluation } from '../src/cli/evaluate-router.ts';
import { parseArgs } from 'node:util';
import { embedTexts, encoderFlags, encoderOptions, projectEncoder, trainingData, useEncoder } from '../src/cli/routing-data.ts';
import { describeEncoder } from '../src/core/embed/encoder-record.ts';
import { defaultCatalog } from '../src/core/catalog/catalog.ts';
import { loadRouter, routerEntry, routers } from '../src/core/routers/registry.ts';
import type { EvalReport } from '../src/core/eval/evaluate.ts';
import type { TrainEvent } from '../src/workers/train-protocol.ts';
import type { RouterFile, TrainingData } from '../src/core/routers/router.ts';

const OFFLINE = Object.entries(routers)
  .filter(([name, e]) => e.input !== 'provider' && !e.fromRouter && !e.online && name !== 'rules' && !['smallest', 'largest'].includes(name))
  .map(([name]) => name);
const SCALE_ROUTERS = OFFLINE.filter((n) => routerEntry(n).input === 'embedding' || n === 'elo');
const SCALE_SAMPLES = 10_000;

interface Row {
  dataset: string;
  router: string;
  note?: string;
  train_seconds: number;
  ms_per_query: number;
  report: EvalReport;
}

const log = (msg: string) => console.error(`[bench] ${msg}`);

async function evaluateAll(datasets: BenchDataset[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const ds of datasets) {
    for (const router of OFFLINE) {
      log(`${ds.name} ${router}`);
      const r = await runEvaluation({ router, train: ds.train, test: ds.test, catalog: defaultCatalog });
      rows.push({ dataset: ds.name, router, train_seconds: r.trainSeconds, ms_per_query: r.evaluation.msPerQuery, report: r.evaluation.report });
    }
  }
  const [dc, mmlu] = datasets;
  const heldOut = ['llama-3.1-nemotron-51b-instruct', 'qwen2.5-7b-instruct', 'llama-3.1-8b-instruct'];
  log('auto with three dcrouter models held out');
  const h = await runEvaluation({ router: 'auto', train: dc!.train, test: dc!.test, catalog: defaultCatalog, holdOut: heldOut });
  rows.push({ dataset: 'dcrouter', router: 'auto', note: `held out: ${heldOut.join(', ')}`, train_seconds: h.trainSeconds, ms_per_query: h.evaluation.msPerQuery, report: h.evaluation.report });
  log('auto trained on dcrouter, routing RouteLLM MMLU (models never seen)');
  const mmluModels = Object.keys(mmlu!.test[0]!.outcomes);
  const x = await runEvaluation({ router: 'auto', train: dc!.train, test: mmlu!.test, catalog: defaultCatalog, holdOut: mmluModels });
  rows.push({ dataset: 'routellm-mmlu', router: 'auto', note: 'trained on dcrouter: both models unseen', train_seconds: x.trainSeconds, ms_per_query: x.evaluation.msPerQuery, report: x.evaluation.report });
  return rows;
}

/** Trains in a worker thread (the training worker's handler) and returns the file and the seconds it took. */
function trainInWorker(router: string, data: TrainingData): Promise<{ file: RouterFile; seconds: number }> {
  const worker = new Worker(new URL('./train-worker-node.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    worker.on('message', (e: TrainEvent) => {
      if (e.type === 'progress') return;
      void worker.terminate();
      if (e.type === 'done') resolve({ file: e.file, seconds: e.seconds });
      else reject(new Error(e.message));
    });
    worker.on('error', reject);
    worker.postMessage({ type: 'start', id: 1, router, options: {}, data });
  });
}

async function scale(mmlu: BenchDataset) {
  const samples = mmlu.train.slice(0, SCALE_SAMPLES);
  const queries = mmlu.test.slice(0, 1000);
  const data = await trainingData(samples, true, defaultCatalog);
  const qv = await embedTexts(queries.map((s) => s.query));
  const out = [];
  for (const router of SCALE_ROUTERS) {
    log(`scale ${router}: ${samples.length} samples in a worker`);
    const { file, seconds } = await trainInWorker(router, data);
    const loaded = loadRouter(file);
    for (let i = 0; i < 50; i++) await loaded.predict({ text: queries[i]!.query, embedding: qv[i] });
    const started = performance.now();
    for (let i = 0; i < queries.length; i++) await loaded.predict({ text: queries[i]!.query, embedding: qv[i] });
    out.push({ router, train_samples: samples.length, train_seconds_in_worker: seconds, ms_per_query: (performance.now() - started) / queries.length });
  }
  return out;
}

const fmt = (v: number | null, digits = 3) => (v === null ? 'never' : v.toFixed(digits));

function table(rows: Row[], scaleRows: Awaited<ReturnType<typeof scale>>, machine: string): string {
  const lines = [`Measured on ${machine}; encoder: ${describeEncoder(record)}, transformers.js on onnxruntime-node in Node.`, ''];
  for (const ds of [...new Set(rows.map((r) => r.dataset))]) {
    const first = rows.find((r) => r.dataset === ds)!.report;
    lines.push(`**${ds}** (${first.n_test} test queries; best single ${first.best_single.model}: quality ${fmt(first.best_single.quality)}, cost $${fmt(first.best_single.cost, 4)}; oracle ${fmt(first.oracle.quality)} at $${fmt(first.oracle.cost, 4)})`, '');
    lines.push('| router | quality at λ=0 | cost at λ=0 ($) | AIQ | quality at best-single cost | cost to 95% of best single | train (s) | routing (ms/query) |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows.filter((x) => x.dataset === ds)) {
      const p = r.report.curve[0]!;
      const name = r.note ? `${r.router} (${r.note})` : r.router;
      lines.push(`| ${name} | ${fmt(p.quality)} | ${fmt(p.cost, 4)} | ${fmt(r.report.aiq)} | ${fmt(r.report.quality_at_best_single_cost)} | ${fmt(r.report.cost_at_95pct_best_quality)} | ${fmt(r.train_seconds, 2)} | ${fmt(r.ms_per_query)} |`);
    }
    lines.push('');
  }
  lines.push(`**Scale** (${SCALE_SAMPLES.toLocaleString('en')} RouteLLM MMLU training samples, trained in a worker thread; routing time over 1,000 queries after the embedding, in Node)`, '');
  lines.push('| router | train in worker (s) | routing (ms/query) |', '| --- | --- | --- |');
  for (const s of scaleRows) lines.push(`| ${s.router} | ${fmt(s.train_seconds_in_worker, 2)} | ${fmt(s.ms_per_query)} |`);
  return lines.join('\n');
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
useEncoder(encoderOptions(parseArgs({ options: encoderFlags }).values)); // --encoder etc., as the CLI takes them
const { cached: encoder, record } = await projectEncoder();
log(`encoder ${describeEncoder(record)} on ${encoder.backend}, cache ${encoder.file}`);
const datasets = await benchDatasets();
const save = (rows: Row[], scaleRows: Awaited<ReturnType<typeof scale>>) =>
  writeFileSync('bench/routers.json', JSON.stringify({ ...othersKeys(), machine, date: new Date().toISOString(), encoder: `${describeEncoder(record)} on ${encoder.backend}`, rows, scale: scaleRows }, null, 1) + '\n');
/** Keys other benchmarks merged into bench/routers.json (bert, cold_start, online): kept when this one rewrites its own. */
function othersKeys(): Record<string, unknown> {
  return JSON.parse(readFileSync('bench/routers.json', 'utf8'));
}
const rows = await evaluateAll(datasets);
save(rows, []);
const scaleRows = await scale(datasets[1]!);
save(rows, scaleRows);
const readme = readFileSync('README.md', 'utf8');
const start = '<!-- bench:routers -->', end = '<!-- /bench:routers -->';
if (readme.includes(start)) {
  writeFileSync('README.md', readme.slice(0, readme.indexOf(start) + start.length) + '\n' + table(rows, scaleRows, machine) + '\n' + readme.slice(readme.indexOf(end)));
}
log('wrote bench/routers.json');
process.exit(0);
