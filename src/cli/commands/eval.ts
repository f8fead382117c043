// `llmrouter eval`: trains a router and scores it on a test set: the DESIGN.md JSON with --json,
// else the curve, the metrics and the per-task breakdown as text.
import type { Command, FlagValues } from '../command.ts';
import { numberFlag, requiredFlag } from '../command.ts';
import { catalogFlag, idsFlag } from '../catalog-flags.ts';
import { requireKnown, routerByName } from '../known-names.ts';
import { DATA_USAGE, ENCODER_USAGE, dataFlags, encoderFlags, encoderOptions, optionsFlag, readData, useEncoder } from '../routing-data.ts';
import { runEvaluation } from '../evaluate-router.ts';
import { UsageError } from '../usage-error.ts';
import { CASCADE_ROUTER, CASCADE_USAGE, cascadeFlags, printCascade } from '../cascade-report.ts';
import type { Catalog } from '../../core/catalog/model.ts';
import { splitDataset } from '../../core/data/split.ts';
import { modelsOf, type RoutingSample } from '../../core/data/sample.ts';
import { perTask } from '../../core/eval/evaluate.ts';

export const evalCommand: Command = {
  usage:
    'llmrouter eval --router NAME (--train FILE --test FILE | --data FILE [--test-fraction 0.2] [--seed 1]) ' +
    '[--hold-out MODEL,...] [--json] [--per-task] ' +
    `${CASCADE_USAGE} ${DATA_USAGE} ${ENCODER_USAGE}`,
  options: {
    router: { type: 'string' },
    train: { type: 'string' },
    test: { type: 'string' },
    data: { type: 'string' },
    'test-fraction': { type: 'string' },
    seed: { type: 'string' },
    'hold-out': { type: 'string' },
    json: { type: 'boolean', default: false },
    'per-task': { type: 'boolean', default: false },
    ...cascadeFlags,
    ...dataFlags,
    ...encoderFlags,
  },
  async run({ values }) {
    const name = requiredFlag(values, 'router');
    if (name !== CASCADE_ROUTER) routerByName(name);
    useEncoder(encoderOptions(values));
    const catalog = await catalogFlag(values);
    const { train, test } = await trainAndTest(values, catalog);
    if (name === CASCADE_ROUTER) return printCascade(values, train, test);
    const holdOut = idsFlag(values, 'hold-out');
    if (holdOut)
      requireKnown('model in --hold-out', holdOut, modelsOf([...train, ...test]), 'the models of the data: llmrouter import prints them');
    const { evaluation, trainSeconds } = await runEvaluation({ router: name, options: optionsFlag(values), train, test, catalog, holdOut });
    const tasks = perTask(test, evaluation, 0);
    const r = evaluation.report;
    if (values.json) {
      console.log(JSON.stringify(values['per-task'] ? { ...r, per_task: tasks } : r));
      return;
    }
    const pct = (v: number | null) => (v === null ? 'never' : `${(v * 100).toFixed(1)}%`);
    console.log(
      `${r.router}: trained on ${r.n_train} in ${trainSeconds.toFixed(2)} s, tested on ${r.n_test}` +
        `${r.skipped ? ` (skipped ${r.skipped} with no outcome for these models)` : ''}, ${evaluation.msPerQuery.toFixed(3)} ms per query`,
    );
    console.log(`best single  ${r.best_single.model}  quality ${r.best_single.quality.toFixed(4)}  cost $${r.best_single.cost.toFixed(4)}`);
    console.log(`oracle       quality ${r.oracle.quality.toFixed(4)}  cost $${r.oracle.cost.toFixed(4)}`);
    console.log(
      `AIQ ${r.aiq.toFixed(4)} (over this router's own cost range)   ` +
        `quality at best-single cost ${r.quality_at_best_single_cost?.toFixed(4) ?? 'n/a'}   ` +
        `cost to 95% of best single ${pct(r.cost_at_95pct_best_quality)}`,
    );
    if (r.routellm) {
      const m = r.routellm;
      const show = (v: number | null, unit = '') =>
        v === null ? 'n/a (the same score for every query)' : `${v.toFixed(unit ? 2 : 3)}${unit}`;
      console.log(
        `RouteLLM (${m.strong} strong, ${m.weak} weak)   ` +
          `APGR ${show(m.apgr)}   CPT(50%) ${show(m.cpt50, '%')}   CPT(80%) ${show(m.cpt80, '%')}`,
      );
    }
    console.log('\nlambda     quality  cost (USD)');
    for (const p of r.curve) console.log(`${String(p.lambda).padEnd(9)}  ${p.quality.toFixed(4)}   ${p.cost.toFixed(4)}`);
    if (tasks.length > 1 || values['per-task']) {
      console.log('\nper task at lambda 0: task, n, router quality, best single (model, quality), oracle');
      for (const t of tasks)
        console.log(
          `  ${t.task.padEnd(24)} ${String(t.n).padStart(5)}  ${t.quality.toFixed(3)}  ` +
            `${t.best_single.model} ${t.best_single.quality.toFixed(3)}  ${t.oracle_quality.toFixed(3)}`,
        );
    }
  },
};

async function trainAndTest(values: FlagValues, catalog: Catalog): Promise<{ train: RoutingSample[]; test: RoutingSample[] }> {
  if (typeof values.data === 'string') {
    if (values.train !== undefined || values.test !== undefined) throw new UsageError('give either --data or --train and --test');
    const samples = await readData(values.data, values, catalog);
    return splitDataset(samples, { testFraction: numberFlag(values, 'test-fraction', 0.2), seed: numberFlag(values, 'seed', 1) });
  }
  const [train, test] = await Promise.all([
    readData(requiredFlag(values, 'train'), values, catalog),
    readData(requiredFlag(values, 'test'), values, catalog),
  ]);
  return { train, test };
}
