// `npm run bench` (encoder part): USE-lite int8 through transformers.js in Node (onnxruntime-node CPU, 1 and 2
// threads) and in Chromium on the built app (WASM 1 and 2 threads, cross-origin isolated; WebGPU on the software
// adapter for correctness). Cold start, warm latency p50/p95 for 16/64/256-token inputs (a new text each time; 256
// tokens are read whole, in two 128-token windows), a repeated 64-token query (the encoder's cache), batch
// throughput, and Node throughput on ~6,000 real queries (LLMRouter's) when ../shared/data is present.
// Writes bench/results.json key "encoder" and prints the table of docs/encoder.md.
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { LENGTHS, REPS, batchTexts, benchInputs, round, type Row } from './encoder-common.ts';
import { cosine } from '../src/core/routers/shared/vectors.ts';
import { mergeResults } from './results-file.ts';

const PORT = Number(process.env.BENCH_PORT ?? 5210);
const root = resolve(import.meta.dirname, '..');

/** One Node row in a fresh process: ORT reads its thread count once per process, and cold start means a cold runtime. */
function nodeRow(threads: number, corpus: boolean): Promise<{ row: Row; corpus?: Record<string, number> }> {
  return new Promise((done, fail) => {
    const args = ['--import', 'tsx', join(root, 'bench/encoder-node.ts'), String(threads), corpus ? 'corpus' : ''];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0 ? done(JSON.parse(out.trim().split('\n').at(-1)!)) : fail(new Error(`bench/encoder-node.ts ${threads} exited ${code}`)),
    );
  });
}

async function browserRows(inputs: Record<number, string>): Promise<Row[]> {
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const server = spawn(process.execPath, [vite, 'preview', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore' });
  const base = `http://127.0.0.1:${PORT}/`;
  try {
    for (
      let i = 0;
      i < 60 &&
      !(await fetch(base)
        .then((r) => r.ok)
        .catch(() => false));
      i++
    )
      await new Promise((r) => setTimeout(r, 500));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    const rows: Row[] = [];
    const vectorsBy: Record<string, number[][]> = {};
    for (const [prefer, threads] of [
      ['wasm', 1],
      ['wasm', 2],
      ['webgpu', 0],
    ] as const) {
      const page = await browser.newPage();
      await page.addInitScript('globalThis.__name = (f) => f'); // tsx keeps function names with a helper the page lacks
      await page.goto(`${base}?${prefer}${threads}#encoder?prefer=${prefer}${threads ? `&threads=${threads}` : ''}`);
      await page.getByLabel('cold start ms').filter({ hasText: /\d/ }).waitFor({ timeout: 120_000 });
      const cold = Number(await page.getByLabel('cold start ms').textContent());
      const measured = await page.evaluate(
        async ({ inputs, lengths, reps, batchTexts, probe, timed }) => {
          const enc = window.__encoder!;
          const variant = (text: string, i: number) =>
            text.replace(/^\S+/, String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + (Math.floor(i / 26) % 26)));
          const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
          const p50: Record<string, number> = {};
          const p95: Record<string, number> = {};
          for (const n of timed ? lengths : []) {
            for (let i = 0; i < 3; i++) await enc.embed([variant(inputs[n], reps + i)]);
            const times: number[] = [];
            for (let i = 0; i < reps; i++) {
              const t0 = performance.now();
              await enc.embed([variant(inputs[n], i)]);
              times.push(performance.now() - t0);
            }
            p50[n] = pct(times, 0.5);
            p95[n] = pct(times, 0.95);
          }
          const repeated: number[] = [];
          for (let i = 0; timed && i < reps; i++) {
            const t0 = performance.now();
            await enc.embed([inputs[64]]);
            repeated.push(performance.now() - t0);
          }
          const t1 = performance.now();
          if (timed) await enc.embed(batchTexts);
          const rate = batchTexts.length / ((performance.now() - t1) / 1000);
          const vectors = (await enc.embed(probe)).map((v) => Array.from(v));
          return {
            backend: enc.backend,
            threads: enc.threads,
            p50,
            p95,
            rate,
            vectors,
            repeatedP50: timed ? pct(repeated, 0.5) : undefined,
          };
        },
        { inputs, lengths: LENGTHS, reps: REPS, batchTexts, probe: batchTexts.slice(0, 16), timed: prefer === 'wasm' },
      );
      vectorsBy[prefer] ??= measured.vectors;
      const row: Row = {
        where: 'Chromium (built app, worker)',
        backend: measured.backend,
        threads: measured.threads,
        cold_start_ms: cold,
        p50_ms: Object.fromEntries(Object.entries(measured.p50).map(([k, v]) => [k, round(v)])),
        p95_ms: Object.fromEntries(Object.entries(measured.p95).map(([k, v]) => [k, round(v)])),
        batch_texts_per_s: prefer === 'wasm' ? Math.round(measured.rate) : 0,
      };
      if (measured.repeatedP50 !== undefined) row.repeated_p50_ms = round(measured.repeatedP50);
      if (prefer === 'webgpu')
        row.webgpu_vs_wasm_min_cosine = Math.min(
          ...measured.vectors.map((v, i) => cosine(Float32Array.from(v), Float32Array.from(vectorsBy.wasm[i]))),
        );
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
  const head =
    '| where | backend | threads | cold start | p50 / p95, 16 tok | p50 / p95, 64 tok | p50 / p95, 256 tok (two windows) | batch of 256 texts |';
  const lines = rows.map((r) => {
    if (r.backend === 'webgpu')
      return `| ${r.where} | webgpu (SwiftShader software adapter) | - | ${r.cold_start_ms} ms | correctness only: min cosine vs WASM ${r.webgpu_vs_wasm_min_cosine?.toFixed(5)} | | | |`;
    const lat = (n: number) => `${r.p50_ms[n]} / ${r.p95_ms[n]} ms`;
    const again = r.repeated_p50_ms === undefined ? '' : ` (asked again: ${r.repeated_p50_ms} ms)`;
    return `| ${r.where} | ${r.backend} | ${r.threads} | ${r.cold_start_ms} ms | ${lat(16)} | ${lat(64)}${again} | ${lat(256)} | ${r.batch_texts_per_s} texts/s |`;
  });
  return [head, `|${'---|'.repeat(8)}`, ...lines].join('\n');
}

{
  const node1 = await nodeRow(1, false);
  const node2 = await nodeRow(2, true);
  const rows = [node1.row, node2.row, ...(await browserRows(await benchInputs()))];
  const corpus = node2.corpus ?? 'skipped: ../shared/data not found';
  const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()[0].toFixed(1)} (shared machine)`;
  mergeResults('encoder', {
    model: 'use-lite int8 (public/models/use-lite/onnx/model_quantized.onnx)',
    machine,
    date: new Date().toISOString(),
    rows,
    llmrouter_train_queries: corpus,
  });
  console.log(`machine: ${machine}\n`);
  console.log(table(rows));
  console.log(`\nNode, 2 threads, LLMRouter default_query_train.jsonl: ${JSON.stringify(corpus)}`);
}
