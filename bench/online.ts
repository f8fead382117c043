// `npm run bench:online`: the online routers on LLMRouter's dcrouter split streamed once (train then test, each in
// a seeded order) through `simulate` (src/core/learn/simulate.ts): started cold, against the best single model over
// the final 1,000 queries; and started warm from knn trained on 500 seeded training samples (the stream is then the
// other training samples and the test set), against that knn alone at the same cost on the same stream.
// Merges its key `online` into bench/routers.json, leaving the other keys alone, and writes the table in docs/learning.md
// (`-- --readme-only`: only the table, from the JSON). `-- --cold-only` measures the cold runs and keeps the saved
// warm ones.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { writeMarkedTable } from './results-file.ts';
import { benchDatasets } from './bench-data.ts';
import { embedTexts } from '../src/cli/routing-data.ts';
import { defaultCatalog } from '../src/core/catalog/catalog.ts';
import { mulberry32, shuffled } from '../src/core/data/random.ts';
import { modelsOf, type RoutingSample } from '../src/core/data/sample.ts';
import { createRouter } from '../src/core/routers/registry.ts';
import { CostModel } from '../src/core/routers/shared/cost-model.ts';
import { isOnlineRouter, type OnlineRouter, type Strategy } from '../src/core/learn/online-router.ts';
import { simulate, type SimulationReport, type StreamPart } from '../src/core/learn/simulate.ts';

const STRATEGIES: Strategy[] = ['linucb', 'lin-ts', 'epsilon-greedy'];
const SEEDS = [1, 2, 3];
const WARM_SAMPLES = 500;
const log = (msg: string) => console.error(`[bench:online] ${msg}`);

async function part(samples: RoutingSample[]): Promise<StreamPart> {
  return { samples, embeddings: await embedTexts(samples.map((s) => s.query)) };
}

function online(name: Strategy): OnlineRouter {
  const router = createRouter(name);
  if (!isOnlineRouter(router)) throw new Error(`${name} is not online`);
  return router;
}

/** The report without its per-point curve thinned to 50 points (the JSON stays readable). */
function kept(r: SimulationReport, seconds: number) {
  const step = Math.max(1, Math.floor(r.curve.length / 50));
  return {
    ...r,
    seconds,
    curve: r.curve.filter((_, i) => i % step === step - 1 || i === r.curve.length - 1),
    reference: r.reference && { ...r.reference, curve: undefined },
  };
}

async function run() {
  const [dc] = await benchDatasets(['dcrouter']);
  const train = await part(dc!.train);
  const test = await part(dc!.test);
  const all = [...dc!.train, ...dc!.test];
  const models = modelsOf(all);
  const costs = CostModel.fit({ samples: all, embeddings: [], models, catalog: defaultCatalog.models });
  const cold = [];
  for (const name of STRATEGIES) {
    for (const seed of SEEDS) {
      log(`cold ${name} seed ${seed}`);
      const t = performance.now();
      const r = await simulate({
        router: online(name).begin(models, costs, defaultCatalog.models),
        parts: [train, test],
        seed,
        lambda: 0,
        window: 1000,
      });
      log(
        `  final 1000: ${r.final_window.quality.toFixed(4)} at $${r.final_window.cost.toFixed(4)} (best single ${r.final_window.best_single.quality.toFixed(4)} at $${r.final_window.best_single.cost.toFixed(4)})`,
      );
      cold.push(kept(r, (performance.now() - t) / 1000));
    }
  }
  const saved = JSON.parse(readFileSync('bench/routers.json', 'utf8'));
  const coldOnly = process.argv.includes('--cold-only');
  const warm = coldOnly ? (saved.online?.warm ?? []) : await warmRuns(dc!, train, test, models);
  // Warm runs kept from an earlier run say where and when they were measured.
  const warmFrom = coldOnly ? (saved.online?.warm_from ?? { machine: saved.online?.machine, date: saved.online?.date }) : undefined;
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const all_ = JSON.parse(readFileSync('bench/routers.json', 'utf8'));
  all_.online = {
    machine,
    date: new Date().toISOString(),
    dataset: 'dcrouter (train then test)',
    lambda: 0,
    warm_start: { router: 'knn', samples: WARM_SAMPLES, seed: 1 },
    cold,
    warm,
    ...(warmFrom ? { warm_from: warmFrom } : {}),
  };
  writeFileSync('bench/routers.json', JSON.stringify(all_, null, 1) + '\n');
  log('wrote bench/routers.json (key "online")');
  writeReadme(all_.online);
}

/** Warm: knn on 500 seeded training samples; the stream is every other training sample, then the test set. */
async function warmRuns(dc: { train: RoutingSample[] }, train: StreamPart, test: StreamPart, models: string[]) {
  const order = shuffled(
    dc.train.map((_, i) => i),
    mulberry32(1),
  );
  const seen = new Set(order.slice(0, WARM_SAMPLES));
  const pick = (p: StreamPart, keep: (i: number) => boolean): StreamPart => ({
    samples: p.samples.filter((_, i) => keep(i)),
    embeddings: p.embeddings.filter((_, i) => keep(i)),
  });
  const offlineData = pick(train, (i) => seen.has(i));
  const rest = pick(train, (i) => !seen.has(i));
  const warm = [];
  for (const name of STRATEGIES) {
    for (const seed of SEEDS) {
      log(`warm ${name} seed ${seed}`);
      const knn = createRouter('knn');
      await knn.fit({ ...offlineData, models, catalog: defaultCatalog.models });
      const t = performance.now();
      const r = await simulate({
        router: online(name).over(knn.toJSON(), knn),
        parts: [rest, test],
        seed,
        lambda: 0,
        window: 1000,
        reference: knn,
      });
      log(
        `  stream: ${r.stream.quality.toFixed(4)} at $${r.stream.cost.toFixed(4)}; knn alone at that cost ${r.reference?.quality_at_same_cost?.toFixed(4)}`,
      );
      warm.push(kept(r, (performance.now() - t) / 1000));
    }
  }
  return warm;
}

type Kept = ReturnType<typeof kept>;

/** The figures of docs/learning.md: per run, the final 1,000 queries against the best single model (cold), the stream against knn alone (warm). */
function writeReadme(online: {
  machine: string;
  date: string;
  cold: Kept[];
  warm: Kept[];
  warm_from?: { machine: string; date: string };
}): void {
  const q = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(4));
  const coldMet = online.cold.filter((r) => coldTargetMet(r.final_window)).length;
  const warmMet = online.warm.filter((r) => warmTargetMet(r)).length;
  const lines = [
    `Cold target (the final 1,000 queries at no less than the best single model's quality in hindsight on them, at no more than its cost) met in **${coldMet} of ${online.cold.length}** runs; warm (the stream above knn alone at the same cost) in **${warmMet} of ${online.warm.length}**.`,
    '',
    `Measured on ${online.machine}, ${online.date.slice(0, 10)}; dcrouter train (5,608) then test (500), lambda 0, default options; seeds order the stream.`,
    '',
    '**Cold start**, final 1,000 queries:',
    '',
    '| router | seed | quality | cost ($) | best single: quality | best single: cost ($) | target met | explored (stream) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...online.cold.map((r) => {
      const w = r.final_window;
      const met = coldTargetMet(w);
      return `| ${r.router} | ${r.seed} | ${q(w.quality)} | ${q(w.cost)} | ${q(w.best_single.quality)} | ${q(w.best_single.cost)} | ${met ? 'yes' : 'no'} | ${(r.stream.explored * 100).toFixed(1)}% |`;
    }),
    '',
    `**Warm start** from knn trained on ${WARM_SAMPLES} seeded training samples, over the stream (the other 5,108 training queries, then the test set)${online.warm_from ? `, measured ${online.warm_from.date.slice(0, 10)} on ${online.warm_from.machine}` : ''}:`,
    '',
    '| router | seed | quality | cost ($) | knn alone at the same cost: quality | target met | explored |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...online.warm.map((r) => {
      const ref = r.reference?.quality_at_same_cost ?? null;
      return `| ${r.router} | ${r.seed} | ${q(r.stream.quality)} | ${q(r.stream.cost)} | ${q(ref)} | ${warmTargetMet(r) ? 'yes' : 'no'} | ${(r.stream.explored * 100).toFixed(1)}% |`;
    }),
  ];
  writeMarkedTable('docs/learning.md', 'online', lines.join('\n'));
  log('wrote the table in docs/learning.md');
}

/** The cold target: the final window at no less than the best single model's quality (in hindsight on it), at no more than its cost. */
function coldTargetMet(w: Kept['final_window']): boolean {
  return w.quality >= w.best_single.quality && w.cost <= w.best_single.cost;
}

/** The warm target: the stream's quality above knn alone at the same cost on the same stream. */
function warmTargetMet(r: Kept): boolean {
  const ref = r.reference?.quality_at_same_cost ?? null;
  return ref !== null && r.stream.quality > ref;
}

if (process.argv.includes('--readme-only')) writeReadme(JSON.parse(readFileSync('bench/routers.json', 'utf8')).online);
else void run();
