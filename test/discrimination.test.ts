// The discrimination suite (bench/data/discrimination): 200 prompts labelled by construction, none of them in the
// shipped router's training turns. At the one default setting the shipped router sends at least 90% of the easy
// half to a model at least 10x cheaper than every most-able model and at least 90% of the hard half to a most-able
// model, for each of the three model mixes (the seven catalog models, Anthropic only, Gemini only).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIXES, judgeMix, readSuite } from '../bench/discrimination-suite.ts';
import { TRIVIAL_TURNS_FILE, trivialTurns } from '../scripts/default-router-data.ts';
import { embedTexts } from '../src/cli/routing-data.ts';
import { DEFAULT_LAMBDA } from '../src/core/routers/decide.ts';
import { loadRouter } from '../src/core/routers/registry.ts';

const suite = readSuite();
const open = () => loadRouter(JSON.parse(readFileSync(new URL('../public/routers/irt.json', import.meta.url), 'utf8')));
let embeddings: { easy: Float32Array[]; hard: Float32Array[] };

beforeAll(async () => {
  embeddings = { easy: await embedTexts(suite.easy.map((e) => e.text)), hard: await embedTexts(suite.hard.map((e) => e.text)) };
}, 240_000);

describe('discrimination suite', () => {
  it('has at least 100 prompts on each side, none repeated and none among the trivial turns the router trained on', () => {
    expect(suite.easy.length).toBeGreaterThanOrEqual(100);
    expect(suite.hard.length).toBeGreaterThanOrEqual(100);
    const texts = [...suite.easy, ...suite.hard].map((p) => p.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
    const trained = new Set(
      Object.values(trivialTurns())
        .flat()
        .map((t) => t.toLowerCase()),
    );
    expect(
      texts.filter((t) => trained.has(t)),
      `suite prompts found in ${TRIVIAL_TURNS_FILE}`,
    ).toEqual([]);
  });

  for (const mix of MIXES) {
    it(`routes easy prompts cheap and hard ones to a most able model at the default setting: ${mix.name}`, async () => {
      const r = await judgeMix(open(), suite, embeddings, mix, DEFAULT_LAMBDA);
      expect(r.easy_to_10x_cheaper, JSON.stringify(r.misses)).toBeGreaterThanOrEqual(0.9);
      expect(r.hard_to_most_able, JSON.stringify(r.misses)).toBeGreaterThanOrEqual(0.9);
    }, 60_000);
  }
});
