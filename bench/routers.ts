// `npm run bench:routers`: every offline router on LLMRouter's dcrouter split and RouteLLM's MMLU and
// GSM8K files (80/20, seed 1) with the project's encoder (or --encoder, as the CLI takes it); the model-agnostic router also with models
// held out; then training time in a worker thread and routing time with 10,000 training samples.
// AIQ is RouterBench's over the cost range shared by the routers compared on one dataset and model set;
// two-model data also gets RouteLLM's APGR and CPT. Routing time is reported after the embedding and with
// it (the encoder timed uncached, one query at a time, as a router sees queries).
// Writes bench/routers.json (other benchmarks' keys kept) and the table between the bench markers in docs/benchmarks.md;
// `tsx bench/routers.ts --readme-only` rewrites that table from the saved JSON. A subset, `--datasets dcrouter,...`
// and/or `--routers knn,...`, measures only those rows and merges them into the saved ones (their AIQ recomputed over
// each dataset's shared range; the held-out rows and the scale table are measured only in a full run).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { writeMarkedTable } from './results-file.ts';
import { BENCH_DATASETS, benchDatasets, type BenchDataset, type BenchName } from './bench-data.ts';
import { runEvaluation } from '../src/cli/evaluate-router.ts';
import { parseArgs } from 'node:util';
import { embedTexts, encoderFlags, encoderOptions, projectEncoder, trainingData, useEncoder } from '../src/cli/routing-data.ts';
import { describeEncoder } from '../src/core/embed/encoder-record.ts';
import { defaultCatalog } from '../src/core/catalog/catalog.ts';
import { loadRouter, routerClass, routers } from '../src/core/routers/registry.ts';
import { withSharedAiq, type EvalReport } from '../src/core/eval/evaluate.ts';
import { createNodeEmbedder } from '../src/platform/node/encoder.ts';
import type { TrainEvent } from '../src/workers/train-protocol.ts';
import type { RouterFile, TrainingData } from '../src/core/routers/router.ts';

const OFFLINE = Object.entries(routers)
  .filter(
    ([name, e]) => e.input !== 'provider' && !e.fromRouter && !e.online && name !== 'rules' && !['smallest', 'largest'].includes(name),
  )
  .map(([name]) => name);
const SCALE_ROUTERS = OFFLINE.filter((n) => routerClass(n).input === 'embedding' || n === 'elo');
const SCALE_SAMPLES = 10_000;

interface Row {
  dataset: string;
  router: string;
  note?: string;
  /** Where the row was measured, when a subset run measured it on another machine than the table's. */
  machine?: string;
  train_seconds: number;
  /** Routing time after the embedding. */
  ms_per_query: number;
  /** Routing time with the query's embedding (the same for routers that read only the text). */
  ms_per_query_with_embedding: number;
  report: EvalReport;
}

const log = (msg: string) => console.error(`[bench] ${msg}`);

/** Milliseconds to embed one query with the uncached encoder, over `n` test queries after a warm-up. */
async function embeddingMs(ds: BenchDataset, n = 100): Promise<number> {
  const encoder = await createNodeEmbedder();
  const texts = ds.test.slice(0, n + 10).map((s) => s.query);
  for (const t of texts.slice(0, 10)) await encoder.embed([t]);
  const started = performance.now();
  for (const t of texts.slice(10)) await encoder.embed([t]);
  return (performance.now() - started) / (texts.length - 10);
}

function row(dataset: string, router: string, r: Awaited<ReturnType<typeof runEvaluation>>, embedMs: number, note?: string): Row {
  const withEmbedding = r.evaluation.msPerQuery + (routerClass(router).input === 'embedding' ? embedMs : 0);
  return {
    dataset,
    router,
    ...(note ? { note } : {}),
    train_seconds: r.trainSeconds,
    ms_per_query: r.evaluation.msPerQuery,
    ms_per_query_with_embedding: withEmbedding,
    report: r.evaluation.report,
  };
}

/** Every AIQ recomputed over the cost range shared by the rows compared: one dataset, one model set. */
function sharedAiq(rows: Row[]): Row[] {
  const key = (r: Row) => `${r.dataset}|${r.report.models.join(',')}`;
  const out = [...rows];
  for (const k of new Set(rows.map(key))) {
    const idx = rows.map((r, i) => (key(r) === k ? i : -1)).filter((i) => i >= 0);
    const shared = withSharedAiq(idx.map((i) => rows[i]!.report));
    idx.forEach((i, j) => (out[i] = { ...rows[i]!, report: shared[j]! }));
  }
  return out;
}

async function evaluateAll(
  datasets: BenchDataset[],
  embedMs: Record<string, number>,
  routerNames: readonly string[],
  full: boolean,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const ds of datasets) {
    for (const router of routerNames) {
      log(`${ds.name} ${router}`);
      const r = await runEvaluation({ router, train: ds.train, test: ds.test, catalog: defaultCatalog });
      rows.push(row(ds.name, router, r, embedMs[ds.name]!));
    }
  }
  if (!full) return rows;
  const [dc, mmlu] = datasets;
  const heldOut = ['llama-3.1-nemotron-51b-instruct', 'qwen2.5-7b-instruct', 'llama-3.1-8b-instruct'];
  log('auto with three dcrouter models held out');
  const h = await runEvaluation({ router: 'auto', train: dc!.train, test: dc!.test, catalog: defaultCatalog, holdOut: heldOut });
  rows.push(row('dcrouter', 'auto', h, embedMs.dcrouter!, `held out: ${heldOut.join(', ')}`));
  log('auto trained on dcrouter, routing RouteLLM MMLU (models never seen)');
  const mmluModels = Object.keys(mmlu!.test[0]!.outcomes);
  const x = await runEvaluation({ router: 'auto', train: dc!.train, test: mmlu!.test, catalog: defaultCatalog, holdOut: mmluModels });
  rows.push(row('routellm-mmlu', 'auto', x, embedMs['routellm-mmlu']!, 'trained on dcrouter: both models unseen'));
  return rows;
}

/** The saved rows with the measured ones in their place (same dataset, router and note), new ones after the dataset's last row. */
function merged(saved: readonly Row[], measured: readonly Row[]): Row[] {
  const key = (r: Row) => `${r.dataset}|${r.router}|${r.note ?? ''}`;
  const fresh = new Map(measured.map((r) => [key(r), r]));
  const out = saved.map((r) => fresh.get(key(r)) ?? r);
  for (const r of measured) {
    if (saved.some((x) => key(x) === key(r))) continue;
    const last = out.map((x) => x.dataset).lastIndexOf(r.dataset);
    out.splice(last < 0 ? out.length : last + 1, 0, r);
  }
  return out;
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

interface ScaleRow {
  router: string;
  train_samples: number;
  train_seconds_in_worker: number;
  ms_per_query: number;
}

async function scale(mmlu: BenchDataset): Promise<ScaleRow[]> {
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
    out.push({
      router,
      train_samples: samples.length,
      train_seconds_in_worker: seconds,
      ms_per_query: (performance.now() - started) / queries.length,
    });
  }
  return out;
}

const fmt = (v: number | null, digits = 3) => (v === null ? 'never' : v.toFixed(digits));

const rowName = (r: Row) => `${r.note ? `${r.router} (${r.note})` : r.router}${r.machine ? ' †' : ''}`;

function table(rows: Row[], scaleRows: ScaleRow[], machine: string, embedMs: Record<string, number>, encoderText: string): string {
  const later = [...new Set(rows.flatMap((r) => (r.machine ? [r.machine] : [])))];
  const lines = [
    `Measured on ${machine}${later.length ? ` (rows marked † later, by a partial run, on ${later.join('; ')}: their times are not comparable with the others')` : ''}; encoder: ${encoderText}, transformers.js on onnxruntime-node in Node.`,
    '',
  ];
  for (const ds of [...new Set(rows.map((r) => r.dataset))]) {
    const first = rows.find((r) => r.dataset === ds)!.report;
    lines.push(
      `**${ds}** (${first.n_test} test queries; best single ${first.best_single.model}: quality ${fmt(first.best_single.quality)}, cost $${fmt(first.best_single.cost, 4)}; oracle ${fmt(first.oracle.quality)} at $${fmt(first.oracle.cost, 4)}; AIQ over $0 to $${fmt(first.aiq_max_cost, 4)}, the largest hull cost of the routers compared; embedding ${fmt(embedMs[ds]!, 2)} ms/query)`,
      '',
    );
    lines.push(
      '| router | quality at λ=0 | cost at λ=0 ($) | AIQ | quality at best-single cost | cost to 95% of best single | train (s) | routing after embedding (ms/query) | routing with embedding (ms/query) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of rows.filter((x) => x.dataset === ds)) {
      const p = r.report.curve[0]!;
      lines.push(
        `| ${rowName(r)} | ${fmt(p.quality)} | ${fmt(p.cost, 4)} | ${fmt(r.report.aiq)} | ${fmt(r.report.quality_at_best_single_cost)} | ${fmt(r.report.cost_at_95pct_best_quality)} | ${fmt(r.train_seconds, 2)} | ${fmt(r.ms_per_query)} | ${fmt(r.ms_per_query_with_embedding)} |`,
      );
    }
    lines.push('', ...routeLlmTable(rows.filter((x) => x.dataset === ds && x.report.routellm)));
  }
  if (scaleRows.length === 0) return [...lines, '**Scale**: not measured in this run.'].join('\n');
  lines.push(
    `**Scale** (${SCALE_SAMPLES.toLocaleString('en')} RouteLLM MMLU training samples, trained in a worker thread; routing time over 1,000 queries after the embedding, in Node)`,
    '',
  );
  lines.push('| router | train in worker (s) | routing (ms/query) |', '| --- | --- | --- |');
  for (const s of scaleRows) lines.push(`| ${s.router} | ${fmt(s.train_seconds_in_worker, 2)} | ${fmt(s.ms_per_query)} |`);
  return lines.join('\n');
}

/** RouteLLM's metrics (threshold sweep over ten bins) for the two-model rows. */
function routeLlmTable(rows: Row[]): string[] {
  if (rows.length === 0) return [];
  const m0 = rows[0]!.report.routellm!;
  const lines = [
    `RouteLLM's metrics (${m0.strong} strong, ${m0.weak} weak; strong-call % for 50% and 80% of the quality gap):`,
    '',
    '| router | APGR | CPT(50%) | CPT(80%) |',
    '| --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const m = r.report.routellm!;
    const curve = m.points.length >= 2; // a constant score gives one point: no APGR or CPT
    const cell = (v: number | null, digits: number, unit = '') => (curve && v !== null ? `${fmt(v, digits)}${unit}` : 'n/a');
    lines.push(`| ${rowName(r)} | ${cell(m.apgr, 3)} | ${cell(m.cpt50, 1, '%')} | ${cell(m.cpt80, 1, '%')} |`);
  }
  return [...lines, ''];
}

/** The ensemble beside the best of its default members on each dataset (issue 24: never below it). */
function ensembleTable(rows: readonly Row[]): string {
  const members = (routerClass('ensemble').optionsSchema.parse({}) as { members: string[] }).members;
  const lines = [
    `AIQ on each dataset's test split, over the cost range its table shares; members ${members.join(', ')}:`,
    '',
    '| dataset | ensemble | best member | ensemble >= best member |',
    '| --- | --- | --- | --- |',
  ];
  for (const ds of new Set(rows.map((r) => r.dataset))) {
    const own = rows.filter((r) => r.dataset === ds && !r.note);
    const ensemble = own.find((r) => r.router === 'ensemble');
    const best = own.filter((r) => members.includes(r.router)).sort((a, b) => b.report.aiq - a.report.aiq)[0];
    if (!ensemble || !best) continue;
    const met = ensemble.report.aiq >= best.report.aiq ? 'yes' : 'no';
    lines.push(`| ${ds} | ${fmt(ensemble.report.aiq, 4)} | ${best.router}, ${fmt(best.report.aiq, 4)} | ${met} |`);
  }
  return lines.join('\n');
}

/** Rewrites the tables between the bench markers in docs/benchmarks.md. */
function writeReadme(rows: Row[], scaleRows: ScaleRow[], machine: string, embedMs: Record<string, number>, encoderText: string): void {
  writeMarkedTable('docs/benchmarks.md', 'routers', table(rows, scaleRows, machine, embedMs, encoderText));
  writeMarkedTable('docs/benchmarks.md', 'ensemble', ensembleTable(rows));
}

// `--readme-only`: the docs table again from bench/routers.json, without measuring anything.
if (process.argv.includes('--readme-only')) {
  const saved = JSON.parse(readFileSync('bench/routers.json', 'utf8'));
  writeReadme(saved.rows, saved.scale, saved.machine, saved.embedding_ms_per_query, saved.encoder);
  process.exit(0);
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const flags = parseArgs({ options: { ...encoderFlags, datasets: { type: 'string' }, routers: { type: 'string' } } }).values;
useEncoder(encoderOptions(flags)); // --encoder etc., as the CLI takes them
const list = (v: unknown) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()) : undefined);
const chosenDatasets = list(flags.datasets) ?? [...BENCH_DATASETS];
const chosenRouters = list(flags.routers) ?? OFFLINE;
for (const d of chosenDatasets)
  if (!(BENCH_DATASETS as readonly string[]).includes(d))
    throw new Error(`--datasets: unknown "${d}" (known: ${BENCH_DATASETS.join(', ')})`);
for (const r of chosenRouters)
  if (!OFFLINE.includes(r)) throw new Error(`--routers: "${r}" is not an offline router of this bench (${OFFLINE.join(', ')})`);
const full = flags.datasets === undefined && flags.routers === undefined;
const { cached: encoder, record } = await projectEncoder();
log(`encoder ${describeEncoder(record)} on ${encoder.backend}, cache ${encoder.file}`);
const datasets = await benchDatasets(chosenDatasets as BenchName[]);
const before = othersKeys();
const embedMs: Record<string, number> = { ...(before.embedding_ms_per_query as Record<string, number> | undefined) };
for (const ds of datasets) embedMs[ds.name] = await embeddingMs(ds);
const tableMachine = full ? machine : ((before.machine as string | undefined) ?? machine);
const save = (rows: Row[], scaleRows: ScaleRow[]) =>
  writeFileSync(
    'bench/routers.json',
    JSON.stringify(
      {
        ...othersKeys(),
        machine: tableMachine,
        date: new Date().toISOString(),
        encoder: `${describeEncoder(record)} on ${encoder.backend}`,
        embedding_ms_per_query: embedMs,
        rows,
        scale: scaleRows,
      },
      null,
      1,
    ) + '\n',
  );
/** Keys other benchmarks merged into bench/routers.json (bert, cold_start, online): kept when this one rewrites its own. */
function othersKeys(): Record<string, unknown> {
  return existsSync('bench/routers.json') ? JSON.parse(readFileSync('bench/routers.json', 'utf8')) : {};
}
const measured = (await evaluateAll(datasets, embedMs, chosenRouters, full)).map((r) => (machine === tableMachine ? r : { ...r, machine }));
const rows = sharedAiq(full ? measured : merged((before.rows as Row[] | undefined) ?? [], measured));
const keptScale = (before.scale as ScaleRow[] | undefined) ?? [];
save(rows, full ? [] : keptScale);
const scaleRows = full ? await scale(datasets[1]!) : keptScale;
save(rows, scaleRows);
writeReadme(rows, scaleRows, tableMachine, embedMs, `${describeEncoder(record)} on ${encoder.backend}`);
log('wrote bench/routers.json');
process.exit(0);
