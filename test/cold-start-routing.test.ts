// The shipped default router among six realistic catalog models from three providers, on a fixed set of 20
// easy and 20 hard prompts embedded by the project's encoder: quality alone sends hard prompts to the most able
// models, the default setting sends easy prompts to cheap ones, and the slider moves hard prompts from the most
// able model to the cheapest.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { embedTexts } from '../src/cli/routing-data.ts';
import { defaultCatalog, requireModel } from '../src/core/catalog/catalog.ts';
import { DEFAULT_LAMBDA, decide } from '../src/core/routers/decide.ts';
import { isIrtRouter } from '../src/core/routers/irt.ts';
import { loadRouter } from '../src/core/routers/registry.ts';
import type { Prediction } from '../src/core/routers/router.ts';

const SIX = ['gpt-5-nano', 'gpt-5', 'claude-haiku-4-5', 'claude-opus-4-1', 'gemini-2.5-flash', 'gemini-2.5-pro'];
const prompts = JSON.parse(readFileSync(new URL('./fixtures/cold-start-prompts.json', import.meta.url), 'utf8')) as {
  easy: string[];
  hard: string[];
};

async function predictions(texts: readonly string[]): Promise<Prediction[]> {
  const router = loadRouter(JSON.parse(readFileSync(new URL('../public/routers/irt.json', import.meta.url), 'utf8')));
  if (!isIrtRouter(router)) throw new Error('public/routers/irt.json is not an irt router');
  router.serve(SIX.map((m) => requireModel(defaultCatalog, m)));
  const embeddings = await embedTexts(texts);
  return Promise.all(texts.map((text, i) => router.predict({ text, embedding: embeddings[i] })));
}

/** The three models with the highest mean published figure over the skills: the most able of the six. */
function mostAble(): string[] {
  const mean = (id: string) => {
    const figures = Object.values(requireModel(defaultCatalog, id).benchmarks ?? {});
    return figures.reduce((a, f) => a + f.score, 0) / figures.length;
  };
  return [...SIX].sort((a, b) => mean(b) - mean(a)).slice(0, 3);
}

describe('cold-start routing among six catalog models (shipped irt router)', () => {
  it('sends every hard prompt to one of the most able models when quality alone decides', async () => {
    const able = mostAble();
    expect(able).toEqual(expect.arrayContaining(['gpt-5', 'gemini-2.5-pro']));
    for (const p of await predictions(prompts.hard)) expect(able).toContain(decide(p.estimates, { lambda: 0 }).model);
  }, 120_000);

  it('sends at least 80% of easy prompts to a model at least 10x cheaper than the dearest at the default setting', async () => {
    let cheap = 0;
    for (const p of await predictions(prompts.easy)) {
      const dearest = Math.max(...p.estimates.map((e) => e.cost));
      const pick = decide(p.estimates, { lambda: DEFAULT_LAMBDA });
      if (pick.ranking[0]!.cost * 10 <= dearest) cheap++;
    }
    expect(cheap / prompts.easy.length).toBeGreaterThanOrEqual(0.8);
  }, 120_000);

  it('does not call an easy question hard: every model gets at least 60% on the capital of France', async () => {
    const [p] = await predictions(['What is the capital of France?']);
    for (const e of p!.estimates) expect(e.quality, e.model).toBeGreaterThanOrEqual(0.6);
  }, 120_000);

  it('moves hard prompts from the most able model towards the cheapest as the slider moves', async () => {
    const sweep = [0, DEFAULT_LAMBDA, 0.3, 1, 10, 30, 100];
    for (const p of await predictions(prompts.hard)) {
      const picks = sweep.map((lambda) => decide(p.estimates, { lambda }).ranking[0]!);
      for (let i = 1; i < picks.length; i++) {
        expect(picks[i]!.cost).toBeLessThanOrEqual(picks[i - 1]!.cost);
        expect(picks[i]!.quality).toBeLessThanOrEqual(picks[i - 1]!.quality);
      }
      expect(picks.at(-1)!.model).toBe('gpt-5-nano');
    }
  }, 120_000);
});
