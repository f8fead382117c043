// `llmrouter simulate`: replays datasets as user traffic for an online router (src/core/learn/simulate.ts): seeded
// order, only the chosen model's score and cost revealed, an update after each query; prints the cumulative
// quality, cost and regret curve (--json: the whole report).
import type { Command } from '../command.ts';
import { numberFlag, requiredFlag } from '../command.ts';
import { catalogFlag } from '../catalog-flags.ts';
import { DATA_USAGE, dataFlags, embedTexts, optionsFlag, readData } from '../routing-data.ts';
import { readRouterFile } from '../router-file.ts';
import { UsageError } from '../usage-error.ts';
import { progressCallback } from '../progress.ts';
import { routerByName } from '../known-names.ts';
import { createRouter } from '../../core/routers/registry.ts';
import { CostModel } from '../../core/routers/shared/cost-model.ts';
import { modelsOf } from '../../core/data/sample.ts';
import { isOnlineRouter } from '../../core/learn/online-router.ts';
import { simulate, type SimulationReport } from '../../core/learn/simulate.ts';
import { openNodeClassifier } from '../../platform/node/encoder.ts';

export const simulateCommand: Command = {
  usage:
    'llmrouter simulate --router NAME --data FILE [--data FILE]... ' +
    '[--warm-start ROUTER.json] [--seed 1] [--lambda 0] [--budget USD] ' +
    `[--window 1000] [--json] ${DATA_USAGE}`,
  options: {
    router: { type: 'string' },
    data: { type: 'string', multiple: true },
    'warm-start': { type: 'string' },
    seed: { type: 'string' },
    lambda: { type: 'string' },
    budget: { type: 'string' },
    window: { type: 'string' },
    json: { type: 'boolean', default: false },
    ...dataFlags,
  },
  async run({ values }) {
    const name = requiredFlag(values, 'router');
    const entry = routerByName(name);
    if (!entry.online) throw new UsageError(`router "${name}" does not learn online; online routers: linucb, lin-ts, epsilon-greedy`);
    const paths = (values.data as string[] | undefined) ?? [];
    if (paths.length === 0) throw new UsageError('missing --data');
    const catalog = await catalogFlag(values);
    const parts = [];
    for (const path of paths) {
      const samples = await readData(path, values, catalog);
      parts.push({ samples, embeddings: await embedTexts(samples.map((s) => s.query)) });
    }
    const router = createRouter(name, optionsFlag(values), { openClassifier: openNodeClassifier });
    if (!isOnlineRouter(router)) throw new Error(`router "${name}" is not an online router`);
    const warm = typeof values['warm-start'] === 'string' ? await readRouterFile(values['warm-start']) : undefined;
    if (warm) router.over(warm.file, warm.router);
    else {
      const samples = parts.flatMap((p) => p.samples);
      router.begin(
        modelsOf(samples),
        CostModel.fit({ samples, embeddings: [], models: modelsOf(samples), catalog: catalog.models }),
        catalog.models,
      );
    }
    const budget = values.budget === undefined ? undefined : numberFlag(values, 'budget', 0);
    const report = await simulate({
      router,
      parts,
      seed: numberFlag(values, 'seed', 1),
      lambda: numberFlag(values, 'lambda', 0),
      window: numberFlag(values, 'window', 1000),
      ...(budget !== undefined ? { budget } : {}),
      ...(warm ? { reference: warm.router } : {}),
      onProgress: progressCallback(`replaying for ${name}`),
    });
    if (values.json) console.log(JSON.stringify(report));
    else printReport(report);
  },
};

function printReport(r: SimulationReport): void {
  const line = (what: string, f: SimulationReport['final_window']) =>
    `${what}: ${f.n} queries, quality ${f.quality.toFixed(4)}, cost $${f.cost.toFixed(4)}; ` +
    `best single ${f.best_single.model} ${f.best_single.quality.toFixed(4)} at $${f.best_single.cost.toFixed(4)}; ` +
    `oracle ${f.oracle.quality.toFixed(4)}`;
  console.log(`${r.router}, seed ${r.seed}, lambda ${r.lambda}, explored ${(r.stream.explored * 100).toFixed(1)}% of calls`);
  console.log(line('stream', r.stream));
  console.log(line('final window', r.final_window));
  if (r.reference)
    console.log(
      `warm-start router ${r.reference.router} alone, at the same cost: ` +
        `quality ${r.reference.quality_at_same_cost?.toFixed(4) ?? 'n/a (cheaper than it can go)'}`,
    );
  console.log('\nqueries  quality  cost (USD)  regret vs oracle  regret vs best single');
  const step = Math.max(1, Math.floor(r.curve.length / 10));
  for (const p of r.curve.filter((_, i) => i % step === step - 1 || i === r.curve.length - 1)) {
    console.log(
      `${String(p.t).padStart(7)}  ${p.quality.toFixed(4)}  ${p.cost.toFixed(4).padStart(10)}  ` +
        `${p.regret_oracle.toFixed(1).padStart(16)}  ${p.regret_best_single.toFixed(1).padStart(21)}`,
    );
  }
}
