// `npx tsx bench/long-text.ts`: does reading the whole message help? LLMRouter's dcrouter split (many prompts longer
// than USE-lite's 128 tokens), embedded twice: cut at the limit (the old behaviour) and read whole (windows over the
// token sequence pooled into one vector). knn, mlp and logreg are trained and evaluated with each, on the whole test
// set and on its queries longer than the limit. Writes bench/long-text.json and prints the table of docs/encoder.md.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { benchDatasets } from './bench-data.ts';
import { runEvaluation } from '../src/cli/evaluate-router.ts';
import { projectEncoder, useEncoder } from '../src/cli/routing-data.ts';
import { createNodeEmbedder } from '../src/platform/node/encoder.ts';
import { defaultCatalog } from '../src/core/catalog/catalog.ts';
import type { LongText } from '../src/core/embed/encoder-options.ts';

const ROUTERS = ['knn', 'mlp', 'logreg'];
const MODES: LongText[] = ['truncate', 'windows'];
const log = (msg: string) => console.error(`[long-text] ${msg}`);

const [dc] = await benchDatasets();
const counter = await createNodeEmbedder({ threads: 1 });
const isLong = (q: string) => counter.countTokens(q) > counter.maxTokens;
const longTest = dc!.test.filter((s) => isLong(s.query));
const share = (xs: { query: string }[]) => xs.filter((s) => isLong(s.query)).length / xs.length;
interface Row {
  mode: LongText;
  router: string;
  subset: string;
  n_test: number;
  aiq: number | null;
  quality_at_best_single_cost: number | null;
  cost_at_95pct_best_quality: number | null;
}
const rows: Row[] = [];
for (const mode of MODES) {
  useEncoder({ longText: mode });
  log(`${mode}: embedding (cached in ${(await projectEncoder()).cached.file})`);
  for (const router of ROUTERS) {
    for (const [subset, test] of [
      ['all', dc!.test],
      ['longer than the limit', longTest],
    ] as const) {
      log(`${mode} ${router} ${subset}`);
      const r = (await runEvaluation({ router, train: dc!.train, test, catalog: defaultCatalog })).evaluation.report;
      rows.push({
        mode,
        router,
        subset,
        n_test: r.n_test,
        aiq: r.aiq,
        quality_at_best_single_cost: r.quality_at_best_single_cost,
        cost_at_95pct_best_quality: r.cost_at_95pct_best_quality,
      });
    }
  }
}
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores shared with other jobs (load average ${loadavg()[0]!.toFixed(1)} at the end)`;
const result = {
  machine,
  date: new Date().toISOString(),
  dataset: 'LLMRouter dcrouter (train 5608 / test 500)',
  max_tokens: counter.maxTokens,
  max_windows: 8,
  share_longer_than_limit: { train: share(dc!.train), test: share(dc!.test) },
  rows,
};
writeFileSync('bench/long-text.json', JSON.stringify(result, null, 1) + '\n');
const f = (x: number | null) => (x === null ? 'never' : x.toFixed(3));
console.log(
  `| router | test queries | AIQ cut / whole | quality at best-single cost cut / whole | cost to 95% cut / whole |\n|---|---|---|---|---|`,
);
for (const router of ROUTERS) {
  for (const subset of ['all', 'longer than the limit']) {
    const [a, b] = MODES.map((m) => rows.find((r) => r.mode === m && r.router === router && r.subset === subset)!);
    console.log(
      `| ${router} | ${subset} (${a!.n_test}) | ${f(a!.aiq)} / ${f(b!.aiq)} | ${f(a!.quality_at_best_single_cost)} / ${f(b!.quality_at_best_single_cost)} | ${f(a!.cost_at_95pct_best_quality)} / ${f(b!.cost_at_95pct_best_quality)} |`,
    );
  }
}
process.exit(0);
