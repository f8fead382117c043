// `npm run bench` (encoder part): USE-lite int8 in Node (onnxruntime-web WASM, 1 and 2 threads) and in Chromium on
// the built app (WASM 1 and 2 threads, cross-origin isolated; WebGPU on the software adapter for correctness).
// Cold start, warm latency p50/p95 for 16/64/256-token inputs (the model reads at most 128 tokens), batch
// throughput, and Node throughput on ~6,000 real queries (LLMRouter's) when ../shared/data is present.
// Writes bench/results.json key "encoder" and prints the README table.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { createNodeEmbedder } from '../src/platform/node/encoder.ts';
import type { Embedder } from '../src/core/embed/embedder.ts';
import type { OnnxEmbedder } from '../src/core/embed/onnx-embedder.ts';
import { cosine } from '../src/core/embed/pooling.ts';
import { mergeResults } from './results-file.ts';

const PORT = Number(process.env.BENCH_PORT ?? 5210);
const REPS = 40;
const LENGTHS = [16, 64, 256];
const root = resolve(import.meta.dirname, '..');

interface Row {
  where: string;
  backend: string;
  threads: number;
  cold_start_ms: number;
  p50_ms: Record<string, number>;
  p95_ms: Record<string, number>;
  batch_texts_per_s: number;
  webgpu_vs_wasm_min_cosine?: number;
}

const words = 'the router reads each query and picks a model that will answer it well for the least money while keeping quality high'.split(' ');

/** A text the encoder's tokenizer turns into exactly n tokens (before its 128-token limit). */
function textOfTokens(countTokens: (t: string) => number, n: number): string {
  let text = words[0];
  for (let i = 1; ; i++) {
    const next = `${text} ${words[i % words.length]}`;
    if (countTokens(next) > n) return text;
    text = next;
  }
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const round = (x: number) => Math.round(x * 100) / 100;

async function latency(embedder: Pick<Embedder, 'embed'>, text: string, now: () => number) {
  for (let i = 0; i < 3; i++) await embedder.embed([text]);
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = now();
    await embedder.embed([text]);
    times.push(now() - t0);
  }
  return { p50: round(percentile(times, 0.5)), p95: round(percentile(times, 0.95)) };
}

const batchTexts = Array.from({ length: 256 }, (_, i) => `Question ${i}: ${words.slice(i % 7, (i % 7) + 8 + (i % 11)).join(' ')}?`);

async function nodeRow(threads: number, inputs: Record<number, string>): Promise<Row> {
  const t0 = performance.now();
  const embedder = await createNodeEmbedder({ threads });
  await embedder.embed(['warm-up']);
  const cold = performance.now() - t0;
  const row: Row = { where: 'Node 20', backend: embedder.backend, threads, cold_start_ms: Math.round(cold), p50_ms: {}, p95_ms: {}, batch_texts_per_s: 0 };
  for (const n of LENGTHS) {
    const { p50, p95 } = await latency(embedder, inputs[n], () => performance.now());
    row.p50_ms[n] = p50;
    row.p95_ms[n] = p95;
  }
  const t1 = performance.now();
  await embedder.embed(batchTexts);
  row.batch_texts_per_s = Math.round(batchTexts.length / ((performance.now() - t1) / 1000));
  return row;
}

function realQueries(): string[] | undefined {
  const shared = [process.env.LLMROUTER_SHARED, join(root, '../shared'), '/work/shared'].find((d) => d && existsSync(join(d, 'data')));
  const file = shared && join(shared, 'data/llmrouter/default_query_train.jsonl');
  if (!file || !existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).query as string);
}

async function browserRows(inputs: Record<number, string>): Promise<Row[]> {
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const server = spawn(process.execPath, [vite, 'preview', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore' });
  const base = `http://127.0.0.1:${PORT}/`;
  try {
    for (let i = 0; i < 60 && !(await fetch(base).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 500));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    const rows: Row[] = [];
    const vectorsBy: Record<string, number[][]> = {};
    for (const [prefer, threads] of [['wasm', 1], ['wasm', 2], ['webgpu', 0]] as const) {
      const page = await browser.newPage();
      await page.addInitScript('globalThis.__name = (f) => f'); // tsx keeps function names with a helper the page lacks
      await page.goto(`${base}?${prefer}${threads}#encoder?prefer=${prefer}${threads ? `&threads=${threads}` : ''}`);
      await page.getByLabel('cold start ms').filter({ hasText: /\d/ }).waitFor({ timeout: 120_000 });
      const cold = Number(await page.getByLabel('cold start ms').textContent());
      const measured = await page.evaluate(
        async ({ inputs, lengths, reps, batchTexts, probe, timed }) => {
          const enc = window.__encoder!;
          const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
          const p50: Record<string, number> = {};
          const p95: Record<string, number> = {};
          for (const n of timed ? lengths : []) {
            for (let i = 0; i < 3; i++) await enc.embed([inputs[n]]);
            const times: number[] = [];
            for (let i = 0; i < reps; i++) {
              const t0 = performance.now();
              await enc.embed([inputs[n]]);
              times.push(performance.now() - t0);
            }
            p50[n] = pct(times, 0.5);
            p95[n] = pct(times, 0.95);
          }
          const t1 = performance.now();
          if (timed) await enc.embed(batchTexts);
          const rate = batchTexts.length / ((performance.now() - t1) / 1000);
          const vectors = (await enc.embed(probe)).map((v) => Array.from(v));
          return { backend: enc.backend, threads: enc.threads, p50, p95, rate, vectors };
        },
        { inputs, lengths: LENGTHS, reps: REPS, batchTexts, probe: batchTexts.slice(0, 16), timed: prefer === 'wasm' },
      );
      vectorsBy[prefer] ??= measured.vectors;
      const row: Row = {
        where: 'Chromium (built app, worker)', backend: measured.backend, threads: measured.threads, cold_start_ms: cold,
        p50_ms: Object.fromEntries(Object.entries(measured.p50).map(([k, v]) => [k, round(v)])),
        p95_ms: Object.fromEntries(Object.entries(measured.p95).map(([k, v]) => [k, round(v)])),
        batch_texts_per_s: prefer === 'wasm' ? Math.round(measured.rate) : 0,
      };
      if (prefer === 'webgpu') row.webgpu_vs_wasm_min_cosine = Math.min(...measured.vectors.map((v, i) => cosine(Float32Array.from(v), Float32Array.from(vectorsBy.wasm[i]))));
      rows.push(row);
      await page.close();
    }
    await browser.close();
    return rows;
  } finally {
    server.kill();
  }
}

function table(rows: Row[]): string {
  const head = '| where | backend | threads | cold start | p50 / p95, 16 tok | p50 / p95, 64 tok | p50 / p95, 256 tok (read as 128) | batch of 256 texts |';
  const lines = rows.map((r) => {
    if (r.backend === 'webgpu') return `| ${r.where} | webgpu (SwiftShader software adapter) | - | ${r.cold_start_ms} ms | correctness only: min cosine vs WASM ${r.webgpu_vs_wasm_min_cosine?.toFixed(5)} | | | |`;
    const lat = (n: number) => `${r.p50_ms[n]} / ${r.p95_ms[n]} ms`;
    return `| ${r.where} | ${r.backend} | ${r.threads} | ${r.cold_start_ms} ms | ${lat(16)} | ${lat(64)} | ${lat(256)} | ${r.batch_texts_per_s} texts/s |`;
  });
  return [head, `|${'---|'.repeat(8)}`, ...lines].join('\n');
}

const probe: OnnxEmbedder = await createNodeEmbedder({ threads: 1 });
const inputs = Object.fromEntries(LENGTHS.map((n) => [n, textOfTokens((t) => probe.countTokens(t), n)]));
for (const n of LENGTHS) console.log(`${n}-token input: ${probe.countTokens(inputs[n])} tokens, model reads ${probe.tokenize(inputs[n]).length}`);
const rows = [await nodeRow(1, inputs), await nodeRow(2, inputs)];

let corpus: Record<string, number> | string = 'skipped: ../shared/data not found';
const queries = realQueries();
if (queries) {
  const embedder = await createNodeEmbedder({ threads: 2 });
  const t0 = performance.now();
  await embedder.embed(queries);
  const seconds = (performance.now() - t0) / 1000;
  corpus = { queries: queries.length, seconds: round(seconds), texts_per_s: Math.round(queries.length / seconds) };
}
rows.push(...(await browserRows(inputs)));

const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()[0].toFixed(1)} (shared machine)`;
mergeResults('encoder', { model: 'use-lite int8 (public/models/use-lite/onnx/model_quantized.onnx)', machine, date: new Date().toISOString(), rows, llmrouter_train_queries: corpus });
console.log(`machine: ${machine}\n`);
console.log(table(rows));
console.log(`\nNode, 2 threads, LLMRouter default_query_train.jsonl: ${JSON.stringify(corpus)}`);
