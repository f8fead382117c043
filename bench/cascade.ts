// `npm run bench:cascade`: the answer-aware cascade (core/eval/cascade-eval.ts) on RouteLLM's GSM8K file with
// responses, on the same 80/20 split (seed 1) as bench:routers: Mixtral answers, the on-device verifier checks its
// answer, GPT-4 takes the queries with the most doubt per estimated dollar of its call; every call counted. Also
// measures the cascade ranking by doubt alone (key `cascade.by_doubt`), the order it replaced. Read beside the query-only routers' rows of
// bench/routers.json on the same split. Writes the key `cascade` of bench/routers.json (other keys kept) and the
// table between the bench:cascade markers in docs/benchmarks.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchDatasets } from './bench-data.ts';
import { writeMarkedTable } from './results-file.ts';
import { evaluateCascade, type CascadeReport } from '../src/core/eval/cascade-eval.ts';

const RESULTS = 'bench/routers.json';
const fmt = (v: number | null, digits = 3) => (v === null ? 'never' : v.toFixed(digits));

interface QueryOnlyRow {
  dataset: string;
  router: string;
  note?: string;
  report: { cost_at_95pct_best_quality: number | null };
}

type Calibrated = Pick<CascadeReport, 'calibrated' | 'calibrated_on_train'>;
const share = (v: number) => `${fmt(v * 100, 1)}%`;

function calibratedRow(r: Calibrated, how: string): string {
  const c = r.calibrated;
  const t = r.calibrated_on_train;
  return (
    `| cascade ${how}, threshold calibrated on the training split for ${fmt(c.target * 100, 0)}% | ${fmt(c.quality)} | ` +
    `${share(c.quality_vs_premium)} | ${fmt(c.cost, 4)} | ${share(c.cost_vs_premium)} | ${share(c.escalated)} | ` +
    `${share(t.quality_vs_premium)} at ${share(t.cost_vs_premium)} |`
  );
}

/** Issue 24's target, read off the calibrated point: 95% of the premium model's quality at no more than 35% of its cost. */
function verdict(r: CascadeReport): string {
  const c = r.calibrated;
  const met = c.quality_vs_premium >= 0.95 && c.cost_vs_premium <= 0.35;
  return `Issue 24's target, 95% of GPT-4's quality at <= 35% of its cost with the calibrated threshold: **${met ? 'met' : 'not met'}**.`;
}

function table(r: CascadeReport, byDoubt: Calibrated, machine: string, queryOnly: readonly QueryOnlyRow[]): string {
  const best = queryOnly.filter((x) => !x.note && x.report.cost_at_95pct_best_quality !== null && x.router !== 'oracle');
  const lowest = best.sort((a, b) => a.report.cost_at_95pct_best_quality! - b.report.cost_at_95pct_best_quality!)[0];
  return [
    `Measured on ${machine}. RouteLLM GSM8K with responses, ${r.n_train} training and ${r.n_test} test queries (80/20, seed 1): ${r.cheap} answers every query, the verifier (test AUC ${fmt(r.verifier_auc)}) checks it on the device, ${r.premium} answers the doubted ones. Cost counts the cheap call always and the premium call when escalated.`,
    '',
    '| | quality | share of GPT-4 quality | cost ($) | share of GPT-4 cost | escalated | on the training split (cross-fitted): quality at cost, shares of GPT-4 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| ${r.premium} alone | ${fmt(r.best_single.quality)} | 100% | ${fmt(r.best_single.cost, 4)} | 100% | | |`,
    calibratedRow(r, "escalating by the verifier's doubt per estimated dollar of the premium call"),
    calibratedRow(byDoubt, "escalating by the verifier's doubt alone (before)"),
    '',
    `Over the threshold sweep on the test split (as the routers' curves sweep lambda): cost to 95% of GPT-4's quality **${fmt((r.cost_at_95pct_best_quality ?? NaN) * 100, 1)}%** of GPT-4's cost` +
      (lowest
        ? ` (best query-only router on this split: ${lowest.router}, ${fmt(lowest.report.cost_at_95pct_best_quality! * 100, 1)}%)`
        : '') +
      `; quality at GPT-4's cost ${fmt(r.quality_at_best_single_cost)}; AIQ ${fmt(r.aiq)} over its own range ($0 to $${fmt(r.aiq_max_cost, 4)}).`,
    '',
    verdict(r),
  ].join('\n');
}

const writeReadme = (text: string) => writeMarkedTable('docs/benchmarks.md', 'cascade', text);

const saved = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
const queryOnly = ((saved.rows ?? []) as QueryOnlyRow[]).filter((x) => x.dataset === 'routellm-gsm8k');
if (process.argv.includes('--readme-only')) {
  writeReadme(table(saved.cascade.report, saved.cascade.by_doubt, saved.cascade.machine, queryOnly));
  process.exit(0);
}
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const [gsm8k] = await benchDatasets(['routellm-gsm8k']);
const started = performance.now();
const report = await evaluateCascade({ train: gsm8k!.train, test: gsm8k!.test });
const seconds = (performance.now() - started) / 1000;
const { curve: _, ...byDoubt } = await evaluateCascade({ train: gsm8k!.train, test: gsm8k!.test, order: 'doubt' });
const fresh = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
writeFileSync(
  RESULTS,
  JSON.stringify(
    { ...fresh, cascade: { machine, date: new Date().toISOString(), dataset: 'routellm-gsm8k', seconds, report, by_doubt: byDoubt } },
    null,
    1,
  ) + '\n',
);
writeReadme(table(report, byDoubt, machine, queryOnly));
console.error(
  `[bench] cascade: ${fmt(report.calibrated.quality_vs_premium)} of GPT-4's quality at ${fmt(report.calibrated.cost_vs_premium)} of its cost (calibrated); sweep: 95% at ${fmt(report.cost_at_95pct_best_quality)}`,
);
