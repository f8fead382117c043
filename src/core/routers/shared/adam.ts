// Adam updates over flat Float32Array parameters, shared by every router trained by gradient descent.
import { z } from 'zod';

export interface AdamSlot {
  /** Gradient accumulated since the last step. */
  g: Float32Array;
  m1: Float32Array;
  m2: Float32Array;
}

export const adamSlots = (params: readonly Float32Array[]): AdamSlot[] =>
  params.map((p) => ({ g: new Float32Array(p.length), m1: new Float32Array(p.length), m2: new Float32Array(p.length) }));

/**
 * Step `t` (from 1) of Adam on each parameter from its slot's gradient times `scale` (1 / batch size),
 * plus `l2[i]` x the parameter as weight decay; clears the gradients.
 */
export function adamStep(
  params: readonly Float32Array[],
  slots: readonly AdamSlot[],
  t: number,
  rate: number,
  scale: number,
  l2: readonly number[] = [],
): void {
  const lr = (rate * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
  params.forEach((p, pi) => {
    const { g, m1, m2 } = slots[pi]!;
    const decay = l2[pi] ?? 0;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]! * scale + decay * p[i]!;
      m1[i] = 0.9 * m1[i]! + 0.1 * gi;
      m2[i] = 0.999 * m2[i]! + 0.001 * gi * gi;
      p[i] -= (lr * m1[i]!) / (Math.sqrt(m2[i]!) + 1e-8);
    }
    g.fill(0);
  });
}

/** The options every gradient-trained router takes, with its own defaults. */
export const gradientOptions = (epochs: number, learningRate: number) => ({
  epochs: z.number().int().positive().default(epochs),
  learningRate: z.number().positive().default(learningRate),
  seed: z.number().int().default(1),
});
