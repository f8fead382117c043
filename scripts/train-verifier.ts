// `npx tsx scripts/train-verifier.ts`: trains the answer verifier the cascade mode's on-device check ships with
// (src/core/answers/gsm8k-verifier.json) on every Mixtral answer of RouteLLM's GSM8K file (1,319 labelled
// worked solutions), read from the shared data folder.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sharedDataDir } from '../bench/bench-data.ts';
import { readDatasets } from '../src/cli/read-dataset.ts';
import { defaultCatalog } from '../src/core/catalog/catalog.ts';
import { trainVerifier } from '../src/core/answers/verifier.ts';

const CHEAP = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const { samples } = await readDatasets([resolve(sharedDataDir(), 'routellm/gsm8k_responses.csv')], 'routellm', { catalog: defaultCatalog });
const examples = samples.flatMap((s) => {
  const o = s.outcomes[CHEAP];
  return o?.response ? [{ query: s.query, answer: o.response, correct: o.score }] : [];
});
const verifier = await trainVerifier(examples);
const round = (v: number) => Number(v.toPrecision(6));
const out = {
  ...verifier,
  mean: verifier.mean.map(round),
  scale: verifier.scale.map(round),
  weights: verifier.weights.map(round),
  bias: round(verifier.bias),
};
writeFileSync('src/core/answers/gsm8k-verifier.json', JSON.stringify(out, null, 1) + '\n');
console.error(`trained on ${examples.length} answers`);
