// The personal user vector: its hand-written gradient against finite differences, the zero vector leaving the
// global router alone, and one profile's decisions moving with its consistent feedback while another's do not.
import { describe, expect, it } from 'vitest';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { createRouter } from '../routers/registry.ts';
import { decide } from '../routers/decide.ts';
import {
  emptyUserVector,
  FEATURES,
  learn,
  personalise,
  preferenceGradient,
  preferenceLoss,
  userFeatures,
  type Preference,
  type UserVector,
} from './personal.ts';

const features = Array.from({ length: FEATURES }, (_, i) => Math.sin(i + 1));
const vector: UserVector = {
  models: { a: Array.from({ length: FEATURES }, (_, i) => 0.1 * Math.cos(i)), b: Array.from({ length: FEATURES }, (_, i) => -0.05 * i) },
  updates: 3,
};

describe('user vector gradient', () => {
  const cases: Preference[] = [
    { kind: 'rating', model: 'a', features, global: 0.6, rating: 0.2 },
    { kind: 'pairwise', winner: 'b', loser: 'a', features, globalWinner: 0.3, globalLoser: 0.7 },
  ];
  for (const p of cases) {
    it(`matches finite differences (${p.kind})`, () => {
      const grad = preferenceGradient(vector, p);
      const h = 1e-6;
      for (const model of ['a', 'b']) {
        for (let i = 0; i < FEATURES; i++) {
          const bump = (d: number) => {
            const w = { ...vector.models, [model]: vector.models[model]!.map((x, j) => (j === i ? x + d : x)) };
            return preferenceLoss({ ...vector, models: w }, p);
          };
          expect(grad[model]![i]).toBeCloseTo((bump(h) - bump(-h)) / (2 * h), 6);
        }
      }
    });
  }
});

describe('personalised routing', () => {
  const [train, test] = split(clusters(200), 150);

  it('with no feedback equals the global router; consistent feedback moves only its own profile', async () => {
    const router = createRouter('knn', { k: 5 });
    await router.fit(train);
    const python = test.samples.map((s, i) => ({ s, e: test.embeddings[i]! })).filter(({ s }) => s.task === 'python');
    const route = async (profile: UserVector, embedding: Float32Array) => {
      const global = (await router.predict({ text: 'q', embedding })).estimates;
      return decide(personalise(global, profile, userFeatures(embedding)), { lambda: 0 }).model;
    };
    const [probe, ...rest] = python;
    const global = (await router.predict({ text: 'q', embedding: probe!.e })).estimates;
    expect(personalise(global, emptyUserVector(), userFeatures(probe!.e))).toEqual(global);
    expect(await route(emptyUserVector(), probe!.e)).toBe('coder');

    // This user finds the generalist's answers to Python questions better than the coder's, every time.
    let alice = emptyUserVector();
    const bob = emptyUserVector();
    for (const { e } of rest.slice(0, 8)) {
      const est = Object.fromEntries((await router.predict({ text: 'q', embedding: e })).estimates.map((x) => [x.model, x.quality]));
      alice = learn(alice, {
        kind: 'pairwise',
        winner: 'generalist',
        loser: 'coder',
        features: userFeatures(e),
        globalWinner: est.generalist!,
        globalLoser: est.coder!,
      });
      alice = learn(alice, { kind: 'rating', model: 'generalist', features: userFeatures(e), global: est.generalist!, rating: 1 });
    }
    expect(alice.updates).toBe(16);
    expect(await route(alice, probe!.e)).toBe('generalist');
    expect(await route(bob, probe!.e)).toBe('coder');
  });
});
