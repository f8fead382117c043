import { describe, expect, it } from 'vitest';
import { createRouter } from '../routers/registry.ts';
import { decide } from '../routers/decide.ts';
import type { Router, TrainingData } from '../routers/router.ts';
import { clusters, split } from '../../../test/helpers/synthetic.ts';
import { expectRoundTrip } from '../../../test/helpers/router-checks.ts';
import { feedbackOptions } from './feedback-layer.ts';
import { refitWithFeedback } from './retrain.ts';

const data = clusters(400);
const [train, rest] = split(data, 200);
const options = feedbackOptions.parse({});

async function trainedKnn(): Promise<Router> {
  const knn = createRouter('knn', { k: 5, tune: false });
  await knn.fit(train);
  return knn;
}

/** Logged answers on some of the held-back queries of one cluster, scored by `score(model, i)`. */
function logOf(cluster: number, count: number, score: (model: string, i: number) => number): TrainingData {
  const rows = rest.samples
    .map((_, i) => i)
    .filter((i) => data.clusterOf[200 + i] === cluster)
    .slice(0, count);
  return {
    samples: rows.map((i, k) => ({
      ...rest.samples[i]!,
      id: `log-${i}`,
      outcomes: Object.fromEntries(['coder', 'generalist'].map((m) => [m, { score: score(m, k), cost: 0.002 }])),
    })),
    embeddings: rows.map((i) => rest.embeddings[i]!),
    models: data.models,
  };
}

const pick = async (router: Router, i: number) =>
  decide((await router.predict({ text: rest.samples[i]!.query, embedding: rest.embeddings[i] })).estimates, { lambda: 0 }).model;

describe('retraining from feedback (feedback layer over any trained router)', () => {
  it('learns what this user wants where they said it, and keeps every other decision of the base router', async () => {
    const knn = await trainedKnn();
    // This user finds the coder's answers to python questions poor and the generalist's good.
    const logged = logOf(0, 8, (m) => (m === 'generalist' ? 1 : 0));
    const { router, check } = await refitWithFeedback(knn.toJSON(), knn, logged, options);
    expect(check.accepted).toBe(true);
    expect(check.errorWith).toBeLessThan(check.errorWithout);
    expect(check.reason).toMatch(/^Retrained: mean error on \d+ held-out logged answers \(5-fold\)/);
    const python = rest.samples
      .map((_, i) => i)
      .filter((i) => data.clusterOf[200 + i] === 0)
      .slice(8, 40);
    const integral = rest.samples.map((_, i) => i).filter((i) => data.clusterOf[200 + i] === 1);
    for (const i of python) expect(await pick(router, i)).toBe('generalist');
    for (const i of integral) expect(await pick(router, i)).toBe(await pick(knn, i));
    // The base router's own estimates are unchanged where no logged query is similar.
    const far = integral[0]!;
    const q = { text: rest.samples[far]!.query, embedding: rest.embeddings[far] };
    expect((await router.predict(q)).estimates).toEqual((await knn.predict(q)).estimates);
    expect(router.toJSON().router).toBe('feedback');
    expect((router.toJSON().state as { base: { router: string } }).base.router).toBe('knn');
    await expectRoundTrip(router, rest);
  });

  it('refuses a refit that predicts held-out logged answers worse than the base router, and says why', async () => {
    const knn = await trainedKnn();
    // Near-identical queries with opposite outcomes: each one held out is pulled the wrong way by its twin.
    const logged = logOf(0, 2, () => 0);
    logged.samples = [0, 1, 0, 1].map((k, j) => ({
      ...logged.samples[k]!,
      id: `twin-${j}`,
      outcomes: { coder: { score: j < 2 ? 1 : 0, cost: 0.002 } },
    }));
    logged.embeddings = [0, 1, 0, 1].map((k) => logged.embeddings[k]!);
    const { check } = await refitWithFeedback(knn.toJSON(), knn, logged, options);
    expect(check.accepted).toBe(false);
    expect(check.folds).toBe(4);
    expect(check.errorWith).toBeGreaterThan(check.errorWithout);
    expect(check.reason).toMatch(/^Not used: the retrained router predicted held-out answers worse than knn alone/);
  });

  it('needs samples to hold out, and a base router to correct', async () => {
    const knn = await trainedKnn();
    await expect(
      refitWithFeedback(
        knn.toJSON(),
        knn,
        logOf(0, 1, () => 1),
        options,
      ),
    ).rejects.toThrow(/at least 2 logged samples/);
    await expect(createRouter('feedback').fit(train)).rejects.toThrow(/made from a trained router by local learning/);
  });
});
