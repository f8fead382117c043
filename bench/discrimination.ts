// `npm run bench:discrimination`: the shipped default router (public/routers/irt.json) on the discrimination suite
// (bench/data/discrimination) at the one default setting, for the three model mixes, with a sweep of the setting
// around it, the time to route a 64-token message (embedding excluded; the router's own arithmetic), and the
// calibration (expected calibration error) of the shipped router on the test splits it never saw: dcrouter's test
// file and the held-out 20% of RouteLLM's MMLU and GSM8K.
// Writes bench/discrimination.json and the table between the discrimination markers in docs/routers.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { embedTexts } from '../src/cli/routing-data.ts';
import { defaultCatalog, requireModel } from '../src/core/catalog/catalog.ts';
import { DEFAULT_LAMBDA, dollarsPerPoint } from '../src/core/routers/decide.ts';
import { loadRouter } from '../src/core/routers/registry.ts';
import { MIXES, judgeMix, readSuite, type MixResult } from './discrimination-suite.ts';
import { benchDatasets } from './bench-data.ts';
import { writeMarkedTable } from './results-file.ts';
import { evaluate } from '../src/core/eval/evaluate.ts';
import { reliability } from '../src/core/eval/reliability.ts';

const FILE = 'public/routers/irt.json';
const SWEEP = [DEFAULT_LAMBDA / 4, DEFAULT_LAMBDA / 2, DEFAULT_LAMBDA, DEFAULT_LAMBDA * 2, DEFAULT_LAMBDA * 4];
const open = () => loadRouter(JSON.parse(readFileSync(FILE, 'utf8')));

/** p50 of the router's own time (no embedding) for a 64-token message among the seven catalog models. */
async function routingMs(embedding: Float32Array): Promise<number> {
  const router = open();
  if (router.retargetable) router.serve(MIXES[0]!.models.map((m) => requireModel(defaultCatalog, m)));
  const text = Array.from({ length: 48 }, (_, i) => ['route', 'this', 'message', 'to', 'a', 'model'][i % 6]).join(' ');
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    await router.predict({ text, embedding });
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[times.length >> 1]!;
}

/** ECE of the shipped router (serving the data's own models) on each test split. */
async function calibration(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const ds of await benchDatasets()) {
    const router = open();
    const embeddings = await embedTexts(ds.test.map((s) => s.query));
    const { predictions } = await evaluate({ router, test: ds.test, embeddings, nTrain: 0 });
    out[ds.name] = reliability(ds.test, predictions).ece;
  }
  return out;
}

const suite = readSuite();
const embeddings = { easy: await embedTexts(suite.easy.map((e) => e.text)), hard: await embedTexts(suite.hard.map((e) => e.text)) };
const atDefault: MixResult[] = [];
for (const mix of MIXES) atDefault.push(await judgeMix(open(), suite, embeddings, mix, DEFAULT_LAMBDA));
const sweep = [];
for (const lambda of SWEEP) {
  for (const mix of MIXES) {
    const r = await judgeMix(open(), suite, embeddings, mix, lambda);
    sweep.push({ mix: mix.name, lambda, easy_to_10x_cheaper: r.easy_to_10x_cheaper, hard_to_most_able: r.hard_to_most_able });
  }
}
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const result = {
  machine,
  date: new Date().toISOString(),
  router: FILE,
  suite: { easy: suite.easy.length, hard: suite.hard.length },
  default_lambda: DEFAULT_LAMBDA,
  dollars_per_point_per_1000_messages: dollarsPerPoint(DEFAULT_LAMBDA),
  mixes: MIXES,
  at_default: atDefault,
  sweep,
  routing_ms_p50_64_tokens_without_embedding: await routingMs(embeddings.hard[0]!),
  ece_on_unseen_test_splits: await calibration(),
};
writeFileSync('bench/discrimination.json', JSON.stringify(result, null, 1) + '\n');
const pct = (v: number) => `${Math.round(v * 100)}%`;
const lines = [
  `Measured on ${machine} (bench/discrimination.json); default setting λ = ${DEFAULT_LAMBDA.toFixed(3)} (USD ${dollarsPerPoint(DEFAULT_LAMBDA).toFixed(2)} per quality point per 1,000 messages).`,
  '',
  '| model mix | easy prompts to a model ≥ 10x cheaper than every most-able one | hard prompts to a most-able model |',
  '| --- | --- | --- |',
  ...atDefault.map((r) => `| ${r.mix} | ${pct(r.easy_to_10x_cheaper)} | ${pct(r.hard_to_most_able)} |`),
  '',
  `Calibration of the shipped router on test splits it never saw (expected calibration error): ${Object.entries(
    result.ece_on_unseen_test_splits,
  )
    .map(([name, ece]) => `${name} ${ece.toFixed(3)}`)
    .join(
      ', ',
    )}. Routing a 64-token message (router only, embedding excluded): ${result.routing_ms_p50_64_tokens_without_embedding.toFixed(3)} ms p50.`,
];
writeMarkedTable('docs/routers.md', 'discrimination', lines.join('\n'));
console.log(lines.join('\n'));
process.exit(0);
