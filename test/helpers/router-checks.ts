// Checks every trained router must pass: it routes each synthetic cluster to its solver, and its file
// survives JSON and loads back to the same predictions, bit for bit.
import { expect } from 'vitest';
import { decide } from '../../src/core/routers/decide.ts';
import { loadRouter } from '../../src/core/routers/registry.ts';
import type { Router, TrainingData } from '../../src/core/routers/router.ts';

/** Share of test queries routed (at lambda 0) to their cluster's solver. */
export async function solverAccuracy(router: Router, test: TrainingData, solverOf: (i: number) => string): Promise<number> {
  let right = 0;
  for (let i = 0; i < test.samples.length; i++) {
    const p = await router.predict({ text: test.samples[i]!.query, embedding: test.embeddings[i] });
    if (decide(p.estimates, { lambda: 0 }).model === solverOf(i)) right++;
  }
  return right / test.samples.length;
}

export async function expectRoundTrip(router: Router, test: TrainingData): Promise<void> {
  const text = JSON.stringify(router.toJSON());
  const loaded = loadRouter(JSON.parse(text));
  expect(JSON.stringify(loaded.toJSON())).toBe(text);
  for (let i = 0; i < Math.min(10, test.samples.length); i++) {
    const q = { text: test.samples[i]!.query, embedding: test.embeddings[i] };
    const [a, b] = [await router.predict(q), await loaded.predict(q)];
    expect(b.estimates).toEqual(a.estimates);
  }
}
