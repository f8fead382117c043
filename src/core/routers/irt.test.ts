import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRouter, createRouter } from './registry.ts';
import { decide } from './decide.ts';
import { IRT_SKILLS, isIrtRouter, withPriors } from './irt.ts';
import { irtProbability } from './shared/irt-model.ts';
import { defaultCatalog } from '../catalog/catalog.ts';
import type { BenchmarkFigure, CatalogModel, Skill } from '../catalog/model.ts';
import { gaussian } from './shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip } from '../../../test/helpers/router-checks.ts';

const figure = (score: number): BenchmarkFigure => ({ score, benchmark: 'test', source: 'test', date: '2026-01-01' });
const entry = (id: string, price: number, scores?: Partial<Record<Skill, number>>): CatalogModel => ({
  id,
  provider: 'test',
  api_model: id,
  input_price: price,
  output_price: price,
  context_window: 8192,
  description: id,
  strengths: [],
  ...(scores ? { benchmarks: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, figure(v)])) } : {}),
});

const trainingCatalog = [
  entry('coder', 2, { knowledge: 0.5, reasoning: 0.4, code: 0.9, math: 0.2 }),
  entry('mathematician', 1, { knowledge: 0.5, reasoning: 0.5, code: 0.2, math: 0.9 }),
  entry('generalist', 10, { knowledge: 0.6, reasoning: 0.5, code: 0.55, math: 0.55 }),
];
const data = clusters(400);
const withTasks = {
  ...data,
  samples: data.samples.map((s) => ({ ...s, task: s.task === 'python' ? 'mbpp' : 'gsm8k' })),
  catalog: trainingCatalog,
};
const [train, test] = split(withTasks, 300);

async function trained() {
  const r = createRouter('irt');
  await r.fit(train);
  if (!isIrtRouter(r)) throw new Error('not the irt router');
  return r;
}

describe('irt router', () => {
  it('routes each cluster to the unseen model whose published figures fit the skill it needs', async () => {
    const r = await trained();
    r.serve([
      entry('new-coder', 1.5, { knowledge: 0.5, reasoning: 0.4, code: 0.92, math: 0.25 }),
      entry('new-math', 0.4, { knowledge: 0.5, reasoning: 0.5, code: 0.25, math: 0.92 }),
      entry('unknown', 5),
    ]);
    let right = 0;
    for (let i = 0; i < test.samples.length; i++) {
      const p = await r.predict({ text: test.samples[i]!.query, embedding: test.embeddings[i] });
      if (decide(p.estimates, { lambda: 0 }).model === (test.samples[i]!.task === 'mbpp' ? 'new-coder' : 'new-math')) right++;
    }
    expect(right / test.samples.length).toBeGreaterThanOrEqual(0.95);
    const p = await r.predict({ text: test.samples[0]!.query, embedding: test.embeddings[0] });
    expect(p.explanation.features).toMatchObject({
      skill: 'code',
      abilities_from: 'published benchmarks: new-coder, new-math; price (no published benchmarks): unknown',
    });
  });

  it('keeps abilities learned from outcomes for the models in the data', async () => {
    const r = await trained();
    const sources = Object.fromEntries(r.abilities().map((a) => [a.model, a.source]));
    expect(sources).toMatchObject({ coder: 'data', mathematician: 'data', generalist: 'data' });
    const coder = r.abilities().find((a) => a.model === 'coder')!;
    expect(coder.ability[IRT_SKILLS.indexOf('code')]!).toBeGreaterThan(coder.ability[IRT_SKILLS.indexOf('math')]!);
  });

  it("moves a model's level from a few outcomes, keeping its skill profile", async () => {
    const r = await trained();
    r.serve([entry('weaker-than-said', 1, { knowledge: 0.5, reasoning: 0.5, code: 0.9, math: 0.9 })]);
    const before = r.abilities()[0]!.ability;
    const after = r.observe(
      'weaker-than-said',
      train.samples.slice(0, 20).map((s, i) => ({ text: s.query, embedding: train.embeddings[i]!, score: 0 })),
    );
    const shift = after[0]! - before[0]!;
    expect(shift).toBeLessThan(-0.1);
    after.forEach((v, k) => expect(v - before[k]!).toBeCloseTo(shift, 9));
  });

  it('sharpens the skill profile of a model whose priors are wrong from 60 outcomes, without retraining', async () => {
    const r = await trained();
    // priors say this model is a coder; it is in fact the one that solves the maths cluster
    r.serve([
      entry('misjudged', 1, { knowledge: 0.5, reasoning: 0.4, code: 0.92, math: 0.2 }),
      entry('new-math', 1, { knowledge: 0.5, reasoning: 0.5, code: 0.25, math: 0.92 }),
    ]);
    const mathQuery = test.samples.findIndex((s) => s.task === 'gsm8k');
    const codeQuery = test.samples.findIndex((s) => s.task === 'mbpp');
    const before = await r.predict({ text: '', embedding: test.embeddings[mathQuery] });
    const outcomes = train.samples
      .slice(0, 60)
      .map((s, i) => ({ text: s.query, embedding: train.embeddings[i]!, score: s.task === 'gsm8k' ? 1 : 0 }));
    r.observe('misjudged', outcomes);
    const after = await r.predict({ text: '', embedding: test.embeddings[mathQuery] });
    const q = (p: typeof before, m: string) => p.estimates.find((e) => e.model === m)!.quality;
    expect(q(after, 'misjudged')).toBeGreaterThan(q(before, 'misjudged') + 0.2);
    const onCode = await r.predict({ text: '', embedding: test.embeddings[codeQuery] });
    expect(q(onCode, 'misjudged')).toBeLessThan(0.5);
    expect(() => r.observe('nope', outcomes)).toThrow(/"nope" is not served/);
  });

  it('round-trips, and lets a user model named like a catalog entry inherit its figures', async () => {
    const r = await trained();
    await expectRoundTrip(r, test);
    const mine = { ...entry('my-own-name', 1), api_model: 'gpt-5' };
    expect(withPriors(mine).benchmarks).toEqual(defaultCatalog.models.find((m) => m.id === 'gpt-5')!.benchmarks);
    r.serve([mine, entry('gpt-5-nano', 0.1)]);
    expect(r.abilities().map((a) => a.source)).toEqual(['catalog', 'catalog']);
  });

  it("gives a query longer than a model's context window no chance with it", async () => {
    const r = await trained();
    r.serve([
      { ...entry('short', 1, { knowledge: 0.9, reasoning: 0.9, code: 0.9, math: 0.9 }), context_window: 100 },
      entry('long', 1, { knowledge: 0.5, reasoning: 0.5, code: 0.5, math: 0.5 }),
    ]);
    const p = await r.predict({ text: 'word '.repeat(400), embedding: test.embeddings[0] });
    expect(p.estimates.map((e) => e.quality > 0)).toEqual([false, true]);
  });
});

describe('the shipped irt router over the whole catalog', () => {
  const shipped = loadRouter(JSON.parse(readFileSync(new URL('../../../public/routers/irt.json', import.meta.url), 'utf8')));
  if (!isIrtRouter(shipped)) throw new Error('public/routers/irt.json is not an irt router');
  shipped.serve(defaultCatalog.models);
  const abilities = shipped.abilities();
  /** The dcrouter models the shipped router learned abilities for from their outcomes. */
  const TRAINING_MODELS = abilities.filter((a) => a.source === 'data').map((a) => a.model);
  const random = mulberry32(3);
  const queries = Array.from({ length: 40 }, () => Float32Array.from({ length: 512 }, () => gaussian(random) / Math.sqrt(512)));

  it('serves every catalog model, from published figures where the catalog has them and from price otherwise', () => {
    expect(abilities).toHaveLength(defaultCatalog.models.length);
    for (const a of abilities) {
      const m = defaultCatalog.models.find((c) => c.id === a.model)!;
      const figures = Object.keys(m.benchmarks ?? {}).length;
      const fromPriors = figures === 0 ? 'price' : figures === IRT_SKILLS.length ? 'catalog' : 'catalog+price';
      expect(a.source, a.model).toBe(TRAINING_MODELS.includes(a.model) ? 'data' : fromPriors);
    }
  });

  it('never rates a model at least as able on every skill below another, on any query', async () => {
    let pairs = 0;
    for (const q of queries) {
      const p = await shipped.predict({ text: 'q', embedding: q });
      for (const a of abilities) {
        for (const b of abilities) {
          if (a === b || !a.ability.every((v, k) => v >= b.ability[k]!)) continue;
          pairs++;
          const qa = p.estimates.find((e) => e.model === a.model)!.quality;
          const qb = p.estimates.find((e) => e.model === b.model)!.quality;
          expect(qa, `${a.model} vs ${b.model}`).toBeGreaterThanOrEqual(qb);
        }
      }
    }
    expect(pairs).toBeGreaterThan(100);
  });

  it('maps better published figures on every skill to abilities at least as high (models not in the training data)', () => {
    const fromPriors = defaultCatalog.models.filter((m) => !TRAINING_MODELS.includes(m.id));
    for (const a of fromPriors) {
      for (const b of fromPriors) {
        const fa = a.benchmarks,
          fb = b.benchmarks;
        if (!fa || !fb || !IRT_SKILLS.every((s) => fa[s] && fb[s] && fa[s]!.score >= fb[s]!.score)) continue;
        const [aa, ab] = [abilities.find((x) => x.model === a.id)!, abilities.find((x) => x.model === b.id)!];
        aa.ability.forEach((v, k) => expect(v, `${a.id} vs ${b.id}`).toBeGreaterThanOrEqual(ab.ability[k]!));
      }
    }
  });

  it("never raises a model's estimate for a harder query", () => {
    for (const q of queries.slice(0, 5)) {
      const { mix } = shipped.needs(q);
      for (const a of abilities) {
        let last = Infinity;
        for (let difficulty = -6; difficulty <= 6; difficulty += 0.25) {
          const p = irtProbability(mix, a.ability, difficulty);
          expect(p).toBeLessThanOrEqual(last);
          last = p;
        }
      }
    }
  });
});
