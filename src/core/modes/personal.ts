// A personal user vector (in the spirit of GMTRouter / PersonalizedRouter), learned on the device from one profile's
// feedback: for each model a weight over a small seeded random projection of the query embedding, whose dot product
// with the query's projection is added to the global router's quality estimate (no per-model bias: a preference
// learned on one kind of query stays with queries like it; bench/personal.json). A rating pulls the model's personal
// estimate towards it (squared error); a pairwise preference pushes the winner above the loser (Bradley-Terry); L2
// keeps the vector near zero. The zero vector (no feedback) leaves the global router's estimates unchanged.
import { z } from 'zod';
import { mulberry32 } from '../data/random.ts';
import type { ModelEstimate } from '../routers/router.ts';
import { gaussian, sigmoid } from '../routers/shared/vectors.ts';

/** Dimensions of the projected query features each model's weight reads. */
export const FEATURES = 32;
const SEED = 0x5eed;

export const userVectorSchema = z
  .object({
    /** Per model: its weight over the projected features. */
    models: z.record(z.string(), z.array(z.number()).length(FEATURES)),
    updates: z.number().int().min(0),
  })
  .strict();
export type UserVector = z.infer<typeof userVectorSchema>;

export type Preference =
  | { kind: 'rating'; model: string; features: readonly number[]; global: number; rating: number }
  | { kind: 'pairwise'; winner: string; loser: string; features: readonly number[]; globalWinner: number; globalLoser: number };

/** Gradient steps per preference and their size: one rating moves the personal estimate about two thirds of the way. */
export const LEARNING = { rate: 0.1, l2: 0.01, steps: 5, pairwiseScale: 4 };

export function emptyUserVector(): UserVector {
  return { models: {}, updates: 0 };
}

const projections = new Map<number, Float32Array>();

/** The query's features: its unit embedding times a fixed Gaussian matrix (seeded: the same on every device), scaled to
 * unit length on average. */
export function userFeatures(embedding: Float32Array | undefined): number[] {
  if (!embedding) return new Array<number>(FEATURES).fill(0);
  const dim = embedding.length;
  let matrix = projections.get(dim);
  if (!matrix) {
    const random = mulberry32(SEED + dim);
    matrix = Float32Array.from({ length: FEATURES * dim }, () => gaussian(random));
    projections.set(dim, matrix);
  }
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += embedding[i]! * embedding[i]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm * FEATURES) : 0;
  return Array.from({ length: FEATURES }, (_, f) => {
    let s = 0;
    for (let i = 0; i < dim; i++) s += matrix![f * dim + i]! * embedding[i]!;
    return s * scale;
  });
}

/** The personal shift of one model's quality for a query. */
export function shift(vector: UserVector, model: string, features: readonly number[]): number {
  const w = vector.models[model];
  if (!w) return 0;
  let s = 0;
  for (let f = 0; f < FEATURES; f++) s += w[f]! * (features[f] ?? 0);
  return s;
}

/** The global estimates with this profile's shifts added (the same estimates when nothing was learned). */
export function personalise(estimates: readonly ModelEstimate[], vector: UserVector, features: readonly number[]): ModelEstimate[] {
  return estimates.map((e) => ({ ...e, quality: e.quality + shift(vector, e.model, features) }));
}

/** The loss of one preference under a vector, plus the L2 term (what `learn` descends). */
export function preferenceLoss(vector: UserVector, p: Preference): number {
  const l2 = LEARNING.l2 * Object.values(vector.models).reduce((s, w) => s + w.reduce((t, x) => t + x * x, 0), 0);
  if (p.kind === 'rating') return 0.5 * (p.global + shift(vector, p.model, p.features) - p.rating) ** 2 + l2;
  const margin =
    LEARNING.pairwiseScale * (p.globalWinner + shift(vector, p.winner, p.features) - p.globalLoser - shift(vector, p.loser, p.features));
  return Math.log1p(Math.exp(-margin)) + l2;
}

/** The gradient of `preferenceLoss` for every parameter of the models the preference touches (and L2 for all). */
export function preferenceGradient(vector: UserVector, p: Preference): Record<string, number[]> {
  const grad: Record<string, number[]> = {};
  for (const [model, w] of Object.entries(vector.models)) grad[model] = w.map((x) => 2 * LEARNING.l2 * x);
  const add = (model: string, d: number) => {
    const g = (grad[model] ??= new Array<number>(FEATURES).fill(0));
    for (let f = 0; f < FEATURES; f++) g[f]! += d * (p.features[f] ?? 0);
  };
  if (p.kind === 'rating') {
    add(p.model, p.global + shift(vector, p.model, p.features) - p.rating);
  } else {
    const margin =
      LEARNING.pairwiseScale * (p.globalWinner + shift(vector, p.winner, p.features) - p.globalLoser - shift(vector, p.loser, p.features));
    const d = -LEARNING.pairwiseScale * sigmoid(-margin);
    add(p.winner, d);
    add(p.loser, -d);
  }
  return grad;
}

/** The vector after a few gradient steps on one preference (a new vector; the old one is not changed). */
export function learn(vector: UserVector, p: Preference): UserVector {
  let next: UserVector = {
    models: Object.fromEntries(Object.entries(vector.models).map(([m, w]) => [m, [...w]])),
    updates: vector.updates + 1,
  };
  for (let step = 0; step < LEARNING.steps; step++) {
    const grad = preferenceGradient(next, p);
    const models = { ...next.models };
    for (const [model, g] of Object.entries(grad)) {
      const w = models[model] ?? new Array<number>(FEATURES).fill(0);
      models[model] = w.map((x, i) => x - LEARNING.rate * g[i]!);
    }
    next = { ...next, models };
  }
  return next;
}
