// The discrimination suite (bench/data/discrimination/suite.json): 100 easy and 100 hard prompts, labelled by
// construction, and the three model mixes it is judged on. A router passes a mix at a setting when at least 90% of
// the easy prompts go to a model at least 10x cheaper than every most-able model of the mix, and at least 90% of
// the hard prompts go to a most-able one. Shared by bench/discrimination.ts and its test.
import { readFileSync } from 'node:fs';
import { defaultCatalog, requireModel } from '../src/core/catalog/catalog.ts';
import { decide, type Decision } from '../src/core/routers/decide.ts';
import type { Router } from '../src/core/routers/router.ts';

export const SUITE_FILE = 'bench/data/discrimination/suite.json';

export interface Mix {
  name: string;
  models: string[];
  /** The mix's most able models, written down from their published figures (catalog benchmarks). */
  mostAble: string[];
}

export const MIXES: Mix[] = [
  {
    name: 'seven catalog models',
    models: ['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'claude-opus-4-1', 'claude-haiku-4-5', 'gemini-2.5-pro', 'gemini-2.5-flash-lite'],
    mostAble: ['gpt-5', 'claude-opus-4-1', 'gemini-2.5-pro'],
  },
  { name: 'Anthropic only', models: ['claude-opus-4-1', 'claude-haiku-4-5'], mostAble: ['claude-opus-4-1'] },
  { name: 'Gemini only', models: ['gemini-2.5-pro', 'gemini-2.5-flash-lite'], mostAble: ['gemini-2.5-pro'] },
];

export interface Suite {
  easy: { text: string; category: string }[];
  hard: { text: string; category: string }[];
}

export function readSuite(file = SUITE_FILE): Suite {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<'easy' | 'hard', Record<string, string[]>>;
  const flat = (side: Record<string, string[]>) =>
    Object.entries(side).flatMap(([category, texts]) => texts.map((text) => ({ text, category })));
  return { easy: flat(raw.easy), hard: flat(raw.hard) };
}

/** Whether a decision went to a model at least 10x cheaper than every most-able model of the mix. */
export function toCheap(d: Decision, mix: Mix): boolean {
  const able = d.ranking.filter((r) => mix.mostAble.includes(r.model)).map((r) => r.cost);
  return d.ranking[0]!.cost * 10 <= Math.min(...able);
}

export interface MixResult {
  mix: string;
  lambda: number;
  easy_to_10x_cheaper: number;
  hard_to_most_able: number;
  /** Per category: the share routed as its label says. */
  by_category: Record<string, number>;
  /** Easy prompts sent dear and hard prompts sent cheap (up to 10 each), with the pick. */
  misses: { text: string; model: string }[];
}

/**
 * Routes the suite (embedded once by the caller) through `router` pointed at the mix's models, at `lambda`.
 * `router` must be retargetable (irt, auto) or already know the mix's models.
 */
export async function judgeMix(
  router: Router,
  suite: Suite,
  embeddings: { easy: Float32Array[]; hard: Float32Array[] },
  mix: Mix,
  lambda: number,
): Promise<MixResult> {
  if (router.retargetable) router.serve(mix.models.map((m) => requireModel(defaultCatalog, m)));
  const route = async (items: Suite['easy'], vectors: Float32Array[]) =>
    Promise.all(
      items.map(async (item, i) =>
        decide((await router.predict({ text: item.text, embedding: vectors[i] })).estimates, { lambda, allowed: mix.models }),
      ),
    );
  const easy = await route(suite.easy, embeddings.easy);
  const hard = await route(suite.hard, embeddings.hard);
  const easyOk = easy.map((d) => toCheap(d, mix));
  const hardOk = hard.map((d) => mix.mostAble.includes(d.model));
  const byCategory: Record<string, number[]> = {};
  suite.easy.forEach((item, i) => (byCategory[`easy/${item.category}`] ??= []).push(easyOk[i] ? 1 : 0));
  suite.hard.forEach((item, i) => (byCategory[`hard/${item.category}`] ??= []).push(hardOk[i] ? 1 : 0));
  const share = (xs: boolean[] | number[]) => (xs as number[]).reduce((a, b) => a + Number(b), 0) / xs.length;
  const misses = [
    ...suite.easy.flatMap((item, i) => (easyOk[i] ? [] : [{ text: item.text, model: easy[i]!.model }])).slice(0, 10),
    ...suite.hard.flatMap((item, i) => (hardOk[i] ? [] : [{ text: item.text, model: hard[i]!.model }])).slice(0, 10),
  ];
  return {
    mix: mix.name,
    lambda,
    easy_to_10x_cheaper: share(easyOk),
    hard_to_most_able: share(hardOk),
    by_category: Object.fromEntries(Object.entries(byCategory).map(([c, xs]) => [c, share(xs)])),
    misses,
  };
}
