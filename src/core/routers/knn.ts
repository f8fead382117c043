// `knn`: each model's quality is the (similarity-weighted) mean of its scores on the k most similar
// training queries by cosine, found by an exact scan over one contiguous matrix of unit vectors.
// With `tune` (the default), k and the softmax temperature are chosen from a small grid by the quality
// of the lambda-0 choices on a seeded 20% of the training data (the test set is never looked at).
import { z } from 'zod';
import { defineRouter } from './runtime.ts';
import { ExactIndex } from './shared/exact-index.ts';
import { scoreMatrix } from './shared/outcomes.ts';
import { expectLength } from './shared/router-file.ts';
import { perState } from './shared/per-state.ts';
import { checkMemoryTable, memoryTable, memoryTableFields, type MemoryTable } from './shared/memory-table.ts';
import { permutation } from './shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';

const options = z
  .object({
    k: z.number().int().positive().max(1000).default(20),
    /** uniform: plain mean; distance: weight 1/(1 - similarity); softmax: exp(similarity / temperature). */
    weighting: z.enum(['uniform', 'distance', 'softmax']).default('softmax'),
    temperature: z.number().positive().default(0.05),
    /** Choose k and temperature by validation on the training data (then `k`/`temperature` are ignored). */
    tune: z.boolean().default(true),
    /** How many neighbours the explanation lists. */
    explain: z.number().int().min(0).default(3),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z
  .object({
    ...memoryTableFields,
    prior: z.array(z.number()),
    /** The k and temperature in use (tuned or as given). */
    k: z.number().int().positive(),
    temperature: z.number().positive(),
    ids: z.array(z.string()),
    queries: z.array(z.string()),
  })
  .strict();
type State = z.infer<typeof state>;

/** Per trained state: its index over the training queries, and scratch sums. */
const work = new WeakMap<State, { index: ExactIndex; sum: Float64Array; weight: Float64Array }>();

export const KnnRouter = defineRouter({
  name: 'knn',
  description: 'k nearest training queries by cosine; each model scored by its neighbours',
  input: 'embedding',
  options,
  state,
  fit(data, o) {
    const table = memoryTable(data);
    const sm = scoreMatrix(data);
    const chosen = o.tune && sm.n >= 50 ? tune(table, sm.m, [...sm.meanScore], sm.meanCost, o.weighting) : o;
    return {
      ...table,
      prior: [...sm.meanScore],
      k: chosen.k,
      temperature: chosen.temperature,
      ids: data.samples.map((s) => s.id),
      queries: data.samples.map((s) => s.query.slice(0, 200)),
    };
  },
  score(query, st, { options: o }) {
    const m = st.prior.length;
    const { index, sum, weight } = perState(work, st, () => ({
      index: new ExactIndex(st.vectors, st.dim, st.k),
      sum: new Float64Array(m),
      weight: new Float64Array(m),
    }));
    index.search(query.embedding!, st.k);
    const quality = new Float64Array(m);
    neighbourQualities(st.scores, st.prior, index.topIndex, index.topSim, index.found, o.weighting, st.temperature, sum, weight, quality);
    const shown = Math.min(o.explain, index.found);
    return {
      quality,
      explanation: {
        summary: `Mean score of each model on the ${index.found} most similar training queries (${o.weighting} weighting).`,
        neighbours: Array.from({ length: shown }, (_, r) => {
          const row = index.topIndex[r]!;
          return { id: st.ids[row]!, query: st.queries[row]!, similarity: index.topSim[r]! };
        }),
      },
    };
  },
  check(st, models) {
    const n = checkMemoryTable(st, models);
    expectLength(st.ids, n, 'learned.ids');
    expectLength(st.queries, n, 'learned.queries');
    expectLength(st.prior, models, 'learned.prior');
  },
});

/** Each model's weighted mean score over the first `count` neighbours (the prior where none ran it), into `quality`. */
function neighbourQualities(
  scores: Float32Array,
  prior: readonly number[],
  rows: Int32Array,
  sims: Float32Array,
  count: number,
  weighting: Options['weighting'],
  temperature: number,
  sum: Float64Array,
  weight: Float64Array,
  quality: Float64Array,
): void {
  const m = prior.length;
  sum.fill(0);
  weight.fill(0);
  const top = sims[0] ?? 0;
  for (let r = 0; r < count; r++) {
    const row = rows[r]!;
    const sim = sims[r]!;
    const w = weighting === 'uniform' ? 1 : weighting === 'distance' ? 1 / (1 - sim + 1e-6) : Math.exp((sim - top) / temperature);
    for (let j = 0; j < m; j++) {
      const s = scores[row * m + j]!;
      if (s === s) (sum[j] += w * s), (weight[j] += w);
    }
  }
  for (let j = 0; j < m; j++) quality[j] = weight[j]! > 0 ? sum[j]! / weight[j]! : prior[j]!;
}

const K_GRID = [5, 10, 20, 30, 50, 100];
const TEMPERATURE_GRID = [0.02, 0.05, 0.1];

/** The (k, temperature) whose lambda-0 choices score best on a seeded 20% of the training samples. */
function tune(
  table: MemoryTable,
  m: number,
  prior: number[],
  meanCost: Float64Array,
  weighting: Options['weighting'],
): { k: number; temperature: number } {
  const n = table.vectors.length / table.dim;
  const order = permutation(n, mulberry32(1));
  const nVal = Math.floor(n * 0.2);
  const val = order.subarray(0, nVal),
    fit = order.subarray(nVal);
  const vectors = new Float32Array(fit.length * table.dim);
  fit.forEach((row, i) => vectors.set(table.vectors.subarray(row * table.dim, (row + 1) * table.dim), i * table.dim));
  const maxK = Math.min(K_GRID.at(-1)!, fit.length);
  const index = new ExactIndex(vectors, table.dim, maxK);
  const grid = K_GRID.filter((k) => k <= maxK).flatMap((k) =>
    (weighting === 'softmax' ? TEMPERATURE_GRID : [0.05]).map((temperature) => ({ k, temperature })),
  );
  const total = new Float64Array(grid.length);
  const rows = new Int32Array(maxK);
  const sum = new Float64Array(m),
    weight = new Float64Array(m),
    quality = new Float64Array(m);
  for (const v of val) {
    index.search(table.vectors.subarray(v * table.dim, (v + 1) * table.dim), maxK);
    for (let r = 0; r < index.found; r++) rows[r] = fit[index.topIndex[r]!]!;
    grid.forEach((g, gi) => {
      neighbourQualities(
        table.scores,
        prior,
        rows,
        index.topSim,
        Math.min(g.k, index.found),
        weighting,
        g.temperature,
        sum,
        weight,
        quality,
      );
      let best = -1;
      for (let j = 0; j < m; j++) {
        if (Number.isNaN(table.scores[v * m + j]!)) continue;
        if (
          best < 0 ||
          quality[j]! > quality[best]! + 1e-9 ||
          (Math.abs(quality[j]! - quality[best]!) <= 1e-9 && meanCost[j]! < meanCost[best]!)
        )
          best = j;
      }
      if (best >= 0) total[gi] += table.scores[v * m + best]!;
    });
  }
  return grid[total.indexOf(Math.max(...total))]!;
}
