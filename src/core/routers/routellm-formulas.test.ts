// mf and sw-ranking against RouteLLM's own formulas on fixed weights and data
// (routellm/routers/matrix_factorization/model.py and routers.py SWRankingRouter with similarity_weighted/utils.py).
import { describe, expect, it } from 'vitest';
import { loadRouter, createRouter } from './registry.ts';
import { pack } from './shared/router-file.ts';
import { sigmoid } from './shared/vectors.ts';
import type { TrainingData } from './router.ts';

const sample = (id: string, strong: number, weak: number) => ({
  id,
  query: id,
  outcomes: { strong: { score: strong, cost: 2 }, weak: { score: weak, cost: 1 } },
});
const embeddings = [
  [1, 0, 0],
  [0.8, 0.6, 0],
  [0, 1, 0],
  [0.6, 0, 0.8],
  [0, 0.6, 0.8],
  [0.5, 0.5, 0.7071],
].map((v) => Float32Array.from(v));
// strong wins, weak wins, tie (both right), strong wins, tie (both wrong), weak wins
const data: TrainingData = {
  samples: [sample('a', 1, 0), sample('b', 0, 1), sample('c', 1, 1), sample('d', 1, 0), sample('e', 0, 0), sample('f', 0, 1)],
  embeddings,
  models: ['strong', 'weak'],
};
const cosine = (a: Float32Array, b: Float32Array) => {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) (ab += a[i]! * b[i]!), (aa += a[i]! ** 2), (bb += b[i]! ** 2);
  return ab / Math.sqrt(aa * bb);
};

describe("RouteLLM's formulas", () => {
  it("sw-ranking: weights 10 * 10^(sim / max sim), ties half a win each side, Bradley-Terry's strong win rate", async () => {
    const router = createRouter('sw-ranking', { prior: 1e-9, iterations: 5000 });
    await router.fit(data);
    const query = Float32Array.from([0.7, 0.5, 0.5]);
    const sims = embeddings.map((e) => cosine(e, query));
    const max = Math.max(...sims);
    const w = sims.map((s) => 10 * 10 ** (s / max));
    // Two models: the unpenalised Bradley-Terry fit gives P(strong wins) = W_strong / (W_strong + W_weak),
    // a decided battle counting as a win and a tie as half a win for each side.
    const strongWins = w[0]! + w[3]! + 0.5 * (w[2]! + w[4]!);
    const weakWins = w[1]! + w[5]! + 0.5 * (w[2]! + w[4]!);
    const expected = strongWins / (strongWins + weakWins);
    const [strong, weak] = (await router.predict({ text: 'q', embedding: query })).estimates;
    expect(strong!.quality).toBeCloseTo(expected, 6);
    expect(weak!.quality).toBeCloseTo(1 - expected, 6);
  });

  it('mf: score = w . (P_m / |P_m| * W q), win rate sigmoid(score_strong - score_weak)', async () => {
    const trained = createRouter('mf', { dim: 2, epochs: 1 });
    await trained.fit(data);
    const P = [
      [0.3, -1.2],
      [2, 0.5],
    ];
    const W = [
      [0.5, -0.25, 1],
      [1.5, 0.75, -0.5],
    ];
    const wc = [0.8, -1.1];
    const file = trained.toJSON();
    const learned = {
      inputs: 3,
      modelVectors: Float32Array.from(P.flat()),
      projection: Float32Array.from(W.flat()),
      classifier: Float32Array.from(wc),
      // Scores are centred on their mean over the two models, so a slope of 2 turns the centred score into RouteLLM's win rate.
      platt: [
        { a: 2, b: 0 },
        { a: 2, b: 0 },
      ],
    };
    const router = loadRouter({ ...file, state: { ...(file.state as object), learned: pack(learned) } });
    const q = Float32Array.from([0.2, -0.7, 0.4]);
    const score = (p: number[]) => {
      const norm = Math.hypot(...p);
      return wc.reduce((s, wk, k) => s + wk * (p[k]! / norm) * W[k]!.reduce((z, wke, e) => z + wke * q[e]!, 0), 0);
    };
    const winRate = sigmoid(score(P[0]!) - score(P[1]!));
    const [strong] = (await router.predict({ text: 'q', embedding: q })).estimates;
    expect(strong!.quality).toBeCloseTo(winRate, 6);
  });
});
