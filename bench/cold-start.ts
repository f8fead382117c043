// `npm run bench:cold-start`: the default router's cold start, irt beside the earlier auto. On LLMRouter's
// dcrouter split with three models held out of training (catalog priors only, then with 20 outcomes of each
// held-out model folded in by irt's few-shot update); trained on dcrouter only, routing RouteLLM's MMLU and
// GSM8K between their two unseen models; calibration (expected calibration error); and the shipped routers on
// 40 fixed easy and hard prompts over six catalog models from three providers. Writes its key `cold_start`
// into bench/routers.json and the table between the cold-start markers in docs/routers.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { writeMarkedTable } from './results-file.ts';
import { benchDatasets, type BenchDataset } from './bench-data.ts';
import { runEvaluation, type EvalResult } from '../src/cli/evaluate-router.ts';
import { embedTexts } from '../src/cli/routing-data.ts';
import { defaultCatalog, requireModel } from '../src/core/catalog/catalog.ts';
import { evaluate, type EvalReport } from '../src/core/eval/evaluate.ts';
import { reliability } from '../src/core/eval/reliability.ts';
import { DEFAULT_LAMBDA, decide } from '../src/core/routers/decide.ts';
import { isIrtRouter } from '../src/core/routers/irt.ts';
import { loadRouter } from '../src/core/routers/registry.ts';
import type { Router } from '../src/core/routers/router.ts';
import { mulberry32 } from '../src/core/data/random.ts';
import { permutation } from '../src/core/routers/shared/vectors.ts';

const HELD_OUT = ['llama-3.1-nemotron-51b-instruct', 'qwen2.5-7b-instruct', 'llama-3.1-8b-instruct'];
const SHOTS = 20;
/** Seeds of the draws of the SHOTS outcomes: the figure is their mean (20 outcomes are a noisy sample). */
const SHOT_SEEDS = [1, 2, 3, 4, 5];
const SIX = ['gpt-5-nano', 'gpt-5', 'claude-haiku-4-5', 'claude-opus-4-1', 'gemini-2.5-flash', 'gemini-2.5-pro'];
const ROUTERS = ['irt', 'auto'];
const log = (msg: string) => console.error(`[bench:cold-start] ${msg}`);

interface Row {
  setting: string;
  router: string;
  report: Pick<EvalReport, 'best_single' | 'aiq' | 'quality_at_best_single_cost' | 'cost_at_95pct_best_quality'>;
  ece: number;
}

const row = (setting: string, router: string, r: EvalResult, test: BenchDataset['test'], models?: string[]): Row => {
  const { best_single, aiq, quality_at_best_single_cost, cost_at_95pct_best_quality } = r.evaluation.report;
  const ece = reliability(test, r.evaluation.predictions, models).ece;
  return { setting, router, report: { best_single, aiq, quality_at_best_single_cost, cost_at_95pct_best_quality }, ece };
};

/** irt with SHOTS outcomes of each held-out model (drawn from the training split with `seed`) folded into its abilities. */
async function fewShot(heldOut: Router, dc: BenchDataset, seed: number): Promise<EvalResult> {
  const trained = loadRouter(heldOut.toJSON());
  if (!isIrtRouter(trained)) throw new Error('few-shot update needs the irt router');
  const order = permutation(dc.train.length, mulberry32(seed));
  for (const model of HELD_OUT) {
    const picked = [...order]
      .map((i) => dc.train[i]!)
      .filter((s) => s.outcomes[model])
      .slice(0, SHOTS);
    const embeddings = await embedTexts(picked.map((s) => s.query));
    trained.observe(
      model,
      picked.map((s, i) => ({ text: s.query, embedding: embeddings[i]!, score: s.outcomes[model]!.score })),
    );
  }
  const embeddings = await embedTexts(dc.test.map((s) => s.query));
  const started = performance.now();
  const evaluation = await evaluate({ router: trained, test: dc.test, embeddings, nTrain: dc.train.length, models: HELD_OUT });
  return { evaluation, trained, trainSeconds: (performance.now() - started) / 1000 };
}

/** The mean of rows of one setting (figures never reached count as the best single model's cost, 1). */
function meanRow(rows: Row[]): Row & { runs: number[] } {
  const mean = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
  const q = (r: Row) => r.report.quality_at_best_single_cost ?? 0;
  return {
    setting: `${rows[0]!.setting} (mean of ${rows.length} draws)`,
    router: rows[0]!.router,
    report: {
      best_single: rows[0]!.report.best_single,
      aiq: mean((r) => r.report.aiq),
      quality_at_best_single_cost: mean(q),
      cost_at_95pct_best_quality: mean((r) => r.report.cost_at_95pct_best_quality ?? 1),
    },
    ece: mean((r) => r.ece),
    runs: rows.map(q),
  };
}

async function measured(datasets: BenchDataset[]): Promise<Row[]> {
  const [dc, ...routellm] = datasets;
  const rows: Row[] = [];
  for (const router of ROUTERS) {
    log(`${router}: dcrouter, all models in training`);
    rows.push(
      row(
        'dcrouter, all 9 models in training',
        router,
        await runEvaluation({ router, train: dc!.train, test: dc!.test, catalog: defaultCatalog }),
        dc!.test,
      ),
    );
    log(`${router}: dcrouter, 3 held out`);
    const held = await runEvaluation({ router, train: dc!.train, test: dc!.test, catalog: defaultCatalog, holdOut: HELD_OUT });
    rows.push(row('dcrouter, 3 held out, catalog priors only', router, held, dc!.test, HELD_OUT));
    if (router === 'irt') {
      const shots = [];
      for (const seed of SHOT_SEEDS)
        shots.push(row(`dcrouter, 3 held out, ${SHOTS} outcomes each`, router, await fewShot(held.trained, dc!, seed), dc!.test, HELD_OUT));
      rows.push(meanRow(shots));
    }
    for (const ds of routellm) {
      log(`${router}: trained on dcrouter, ${ds.name}`);
      const models = Object.keys(ds.test[0]!.outcomes);
      rows.push(
        row(
          `${ds.name}, trained on dcrouter (both models unseen)`,
          router,
          await runEvaluation({ router, train: dc!.train, test: ds.test, catalog: defaultCatalog, holdOut: models }),
          ds.test,
          models,
        ),
      );
    }
  }
  return rows;
}

/** The shipped router file's picks on the fixed prompts among six catalog models. */
async function prompts(router: string) {
  const { easy, hard } = JSON.parse(readFileSync('test/fixtures/cold-start-prompts.json', 'utf8')) as { easy: string[]; hard: string[] };
  const loaded = loadRouter(JSON.parse(readFileSync(`public/routers/${router}.json`, 'utf8')));
  if (!loaded.retargetable) throw new Error(`${router} cannot serve catalog models`);
  loaded.serve(SIX.map((m) => requireModel(defaultCatalog, m)));
  const picks = async (texts: string[], lambda: number) => {
    const embeddings = await embedTexts(texts);
    return Promise.all(
      texts.map(async (text, i) => decide((await loaded.predict({ text, embedding: embeddings[i] })).estimates, { lambda })),
    );
  };
  const able = ['gpt-5', 'gemini-2.5-pro', 'claude-opus-4-1'];
  const hardAtZero = await picks(hard, 0);
  const easyAtDefault = await picks(easy, DEFAULT_LAMBDA);
  const cheap = easyAtDefault.filter((d) => d.ranking[0]!.cost * 10 <= Math.max(...d.ranking.map((r) => r.cost))).length;
  return {
    router,
    hard_to_most_able_at_lambda_0: hardAtZero.filter((d) => able.includes(d.model)).length / hard.length,
    easy_to_10x_cheaper_at_default: cheap / easy.length,
    default_lambda: DEFAULT_LAMBDA,
  };
}

const fmt = (v: number | null, digits = 3) => (v === null ? 'never' : v.toFixed(digits));

function table(rows: Row[], promptRows: Awaited<ReturnType<typeof prompts>>[], machine: string): string {
  const lines = [`Measured on ${machine}; encoder: USE-lite (ONNX int8).`, ''];
  lines.push(
    '| setting | router | best single (quality) | quality at best-single cost | cost to 95% of best single | AIQ | ECE |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows) {
    const b = r.report.best_single;
    lines.push(
      `| ${r.setting} | ${r.router} | ${b.model} (${fmt(b.quality)}) | ${fmt(r.report.quality_at_best_single_cost)} | ${fmt(r.report.cost_at_95pct_best_quality)} | ${fmt(r.report.aiq)} | ${fmt(r.ece)} |`,
    );
  }
  lines.push('', `Shipped routers on 20 easy and 20 hard prompts (test/fixtures/cold-start-prompts.json) among ${SIX.join(', ')}:`, '');
  lines.push(
    '| router | hard prompts to gpt-5, gemini-2.5-pro or claude-opus-4-1 at λ = 0 | easy prompts to a model ≥ 10x cheaper than the dearest at the default λ |',
    '| --- | --- | --- |',
  );
  for (const p of promptRows)
    lines.push(`| ${p.router} | ${fmt(p.hard_to_most_able_at_lambda_0, 2)} | ${fmt(p.easy_to_10x_cheaper_at_default, 2)} |`);
  return lines.join('\n');
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const rows = await measured(await benchDatasets());
const promptRows = [];
for (const router of ROUTERS) promptRows.push(await prompts(router));
const all = JSON.parse(readFileSync('bench/routers.json', 'utf8'));
all.cold_start = { machine, date: new Date().toISOString(), held_out: HELD_OUT, shots: SHOTS, rows, prompts: promptRows };
writeFileSync('bench/routers.json', JSON.stringify(all, null, 1) + '\n');
writeMarkedTable('docs/routers.md', 'cold-start', table(rows, promptRows, machine));
log('wrote bench/routers.json (key "cold_start")');
process.exit(0);
