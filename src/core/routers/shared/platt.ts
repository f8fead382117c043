// Platt scaling: a one-dimensional logistic fit p = sigmoid(a * s + b) from raw scores to observed
// qualities (soft targets), by Newton's method. Turns SVM margins and pairwise scores into qualities.
import { z } from 'zod';
import { sigmoid } from './vectors.ts';
import type { ScoreMatrix } from './outcomes.ts';

export const plattSchema = z.object({ a: z.number(), b: z.number() }).strict();
export type Platt = z.infer<typeof plattSchema>;

export function fitPlatt(scores: ArrayLike<number>, targets: ArrayLike<number>, iterations = 50): Platt {
  let a = 0,
    b = 0;
  const n = scores.length;
  for (let it = 0; it < iterations; it++) {
    let ga = 0,
      gb = 0,
      haa = 1e-6,
      hab = 0,
      hbb = 1e-6;
    for (let i = 0; i < n; i++) {
      const s = scores[i]!;
      const p = sigmoid(a * s + b);
      const r = p - targets[i]!;
      const w = p * (1 - p);
      (ga += r * s), (gb += r);
      (haa += w * s * s), (hab += w * s), (hbb += w);
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    (a -= da), (b -= db);
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

export const applyPlatt = (p: Platt, score: number): number => sigmoid(p.a * score + p.b);

/** One Platt fit per model from raw scores (samples x models, row-major) to the scores of the samples that ran it. */
export function fitPlattPerModel(raw: Float64Array, sm: ScoreMatrix): Platt[] {
  return Array.from({ length: sm.m }, (_, j) => {
    const x: number[] = [],
      y: number[] = [];
    for (let i = 0; i < sm.n; i++) if (sm.ran[i * sm.m + j]) x.push(raw[i * sm.m + j]!), y.push(sm.scores[i * sm.m + j]!);
    return fitPlatt(x, y);
  });
}
