// `npm run bench:bert`: the bert router beside the embedding routers, on the same splits and the same evaluation
// as `npm run bench:routers` (dcrouter: its per-model outputs; RouteLLM MMLU/GSM8K, whose models are not among its
// labels: its model-agnostic path, the link fitted on each training split), then routing latency p50/p95 for
// 64-token queries in Node (WASM) and in Chromium (WASM and WebGPU, through the app's #bert page on Vite, port 5601).
// Writes its key `bert` into bench/routers.json, leaving the other routers' rows alone.
// `npm run bench:bert -- --fp32`: only dcrouter with the fp32 model (train.py --keep-fp32) beside the int8 one,
// merged into the same key as `fp32_vs_int8`.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { chromiumArgs } from '../playwright.config.ts';
import { benchDatasets } from './bench-data.ts';
import { runEvaluation } from '../src/cli/evaluate-router.ts';
import { defaultCatalog } from '../src/core/catalog/catalog.ts';
import { loadRouter } from '../src/core/routers/registry.ts';
import { BERT_MODEL } from '../src/core/routers/bert.ts';
import { openNodeClassifier, shippedModel } from '../src/platform/node/encoder.ts';

const TOKENS = 64;
const RUNS = 200;
const log = (msg: string) => console.error(`[bench:bert] ${msg}`);
const percentile = (ms: number[], p: number) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
const summary = (ms: number[]) => ({ runs: ms.length, p50_ms: percentile(ms, 0.5), p95_ms: percentile(ms, 0.95) });

const datasets = await benchDatasets();
const saveBert = (value: object) => {
  const all = JSON.parse(readFileSync('bench/routers.json', 'utf8'));
  all.bert = { ...all.bert, ...value };
  writeFileSync('bench/routers.json', JSON.stringify(all, null, 1) + '\n');
  log('wrote bench/routers.json (key "bert")');
};
if (process.argv.includes('--fp32')) {
  const [dc] = datasets;
  const compare: Record<string, unknown> = {};
  for (const quantized of [false, true]) {
    const r = await runEvaluation({ router: 'bert', options: { quantized }, train: dc!.train, test: dc!.test, catalog: defaultCatalog });
    const { aiq, quality_at_best_single_cost, cost_at_95pct_best_quality, curve } = r.evaluation.report;
    compare[quantized ? 'int8' : 'fp32'] = {
      aiq,
      quality_at_best_single_cost,
      cost_at_95pct_best_quality,
      quality_at_lambda_0: curve[0]!.quality,
    };
    log(`${quantized ? 'int8' : 'fp32'}: ${JSON.stringify(compare[quantized ? 'int8' : 'fp32'])}`);
  }
  saveBert({ fp32_vs_int8: { dataset: 'dcrouter', ...compare } });
  process.exit(0);
}
const rows = [];
for (const ds of datasets) {
  log(`${ds.name}: fit (link over the classifier's outputs) and evaluate`);
  const r = await runEvaluation({ router: 'bert', train: ds.train, test: ds.test, catalog: defaultCatalog });
  const p = await r.trained.predict({ text: ds.test[0]!.query });
  rows.push({
    dataset: ds.name,
    router: 'bert',
    path: p.explanation.features?.path,
    train_seconds: r.trainSeconds,
    ms_per_query: r.evaluation.msPerQuery,
    report: r.evaluation.report,
  });
  log(
    `${ds.name}: quality at best-single cost ${r.evaluation.report.quality_at_best_single_cost}, cost to 95% ${r.evaluation.report.cost_at_95pct_best_quality}`,
  );
}

// 64-token queries: dcrouter test queries with at least 64 tokens (the model reads the first 64)
const classifier = await openNodeClassifier(BERT_MODEL);
const long = datasets[0]!.test
  .map((s) => s.query)
  .filter((q) => classifier.countTokens(q) >= TOKENS)
  .slice(0, RUNS);
const shipped = loadRouter(JSON.parse(readFileSync(`${shippedModel(BERT_MODEL)}/router.json`, 'utf8')), {
  openClassifier: openNodeClassifier,
});
for (const q of long.slice(0, 20)) await shipped.predict({ text: q });
const nodeMs: number[] = [];
for (const q of long) {
  const t0 = performance.now();
  await shipped.predict({ text: q });
  nodeMs.push(performance.now() - t0);
}
const node = {
  ...summary(nodeMs),
  runtime: 'transformers.js on onnxruntime-node (CPU) in Node, 1 query per call',
  max_tokens: classifier.maxTokens,
};
log(`node: ${JSON.stringify(node)}`);

const port = Number(process.env.BENCH_PORT ?? 5601);
const server = await createServer({ server: { port, strictPort: true }, logLevel: 'warn' });
await server.listen();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
const chromiumRows: Record<string, unknown> = {};
try {
  for (const prefer of ['wasm', 'webgpu'] as const) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/#bert?prefer=${prefer}`);
    await page.getByLabel('bert backend').waitFor({ timeout: 120_000 });
    const ms = await page.evaluate(async (texts) => {
      for (const t of texts.slice(0, 20)) await window.__bertRoute!(t);
      const out: number[] = [];
      for (const t of texts) out.push((await window.__bertRoute!(t)).ms);
      return out;
    }, long);
    const backend = await page.getByLabel('bert backend').textContent();
    chromiumRows[prefer] = {
      ...summary(ms),
      backend,
      userAgent: await page.evaluate(() => navigator.userAgent),
      isolated: await page.evaluate(() => crossOriginIsolated),
    };
    log(`chromium ${prefer}: ${JSON.stringify(chromiumRows[prefer])}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

saveBert({
  date: new Date().toISOString(),
  artifact: `public/models/${BERT_MODEL}/onnx/model_quantized.onnx`,
  rows,
  latency_64_tokens: { node, chromium: chromiumRows },
});
process.exit(0);
