// `cluster`: after Avengers-Pro (Zhang et al., 2025), training-free. k-means groups the training queries by
// embedding; each cluster keeps each model's mean score there (shrunk toward the model's overall mean by
// `smoothing` pseudo-samples); a query's estimate of a model is the mean over its `top` nearest clusters by
// cosine. Costs are the shared cost model's, and the shared decision weighs them (Avengers-Pro's cost score).
// With `tune` (the default), the cluster count and `top` are chosen from a small grid by the quality of the
// lambda-0 choices on a seeded 20% of the training data (the test set is never looked at).
import { z } from 'zod';
import { defineRouter } from './runtime.ts';
import { kmeans } from './shared/kmeans.ts';
import { memoryTable, type MemoryTable } from './shared/memory-table.ts';
import { expectLength, f32 } from './shared/router-file.ts';
import { dotRow, normalised, permutation } from './shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';

const options = z
  .object({
    clusters: z.number().int().positive().max(1000).default(32),
    top: z.number().int().positive().max(50).default(3),
    smoothing: z.number().min(0).default(2),
    tune: z.boolean().default(true),
    seed: z.number().int().default(1),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z
  .object({
    dim: z.number().int().positive(),
    /** clusters x dim unit centres. */
    centres: f32,
    /** clusters x models smoothed mean scores. */
    quality: f32,
    sizes: z.array(z.number().int().min(0)),
    top: z.number().int().positive(),
  })
  .strict();
type State = z.infer<typeof state>;

export const ClusterRouter = defineRouter({
  name: 'cluster',
  description: "Avengers-Pro: k-means over query embeddings, each model scored by its record in the query's nearest clusters",
  input: 'embedding',
  options,
  state,
  fit(data, o) {
    const table = memoryTable(data);
    const rows = Uint32Array.from({ length: data.samples.length }, (_, i) => i);
    const chosen = o.tune && rows.length >= 100 ? tune(table, data.models.length, o) : o;
    return { ...clusterTable(table, rows, data.models.length, chosen.clusters, o), top: chosen.top };
  },
  score(query, st, { models }) {
    const m = models.length;
    const nearest = nearestClusters(st, normalised(query.embedding!), st.top);
    const quality = new Float64Array(m);
    for (const c of nearest) for (let j = 0; j < m; j++) quality[j] += st.quality[c * m + j]! / nearest.length;
    return {
      quality,
      explanation: {
        summary: `Each model's smoothed mean score in the query's ${nearest.length} nearest of ${st.sizes.length} training-query clusters.`,
        features: { nearest_cluster: nearest[0]!, nearest_cluster_size: st.sizes[nearest[0]!]! },
      },
    };
  },
  check(st, models) {
    const k = st.sizes.length;
    expectLength(st.centres, k * st.dim, 'learned.centres');
    expectLength(st.quality, k * models, 'learned.quality');
  },
});

/** Clusters of the given rows: unit centres, sizes and each model's smoothed mean score per cluster. */
function clusterTable(table: MemoryTable, rows: ArrayLike<number>, m: number, k: number, o: Options): Omit<State, 'top'> {
  const { dim } = table;
  const vectors = new Float32Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) vectors.set(table.vectors.subarray(rows[i]! * dim, (rows[i]! + 1) * dim), i * dim);
  const labels = kmeans(vectors, dim, k, o.seed);
  const kk = Math.min(k, rows.length);
  const centres = new Float32Array(kk * dim),
    sum = new Float64Array(kk * m),
    count = new Float64Array(kk * m),
    overall = new Float64Array(m),
    ran = new Float64Array(m);
  const sizes = new Array<number>(kk).fill(0);
  for (let i = 0; i < rows.length; i++) {
    const c = labels[i]!;
    sizes[c]!++;
    for (let e = 0; e < dim; e++) centres[c * dim + e] += vectors[i * dim + e]!;
    for (let j = 0; j < m; j++) {
      const s = table.scores[rows[i]! * m + j]!;
      if (s === s) (sum[c * m + j] += s), count[c * m + j]++, (overall[j] += s), ran[j]++;
    }
  }
  for (let c = 0; c < kk; c++) centres.set(normalised(centres.subarray(c * dim, (c + 1) * dim)), c * dim);
  const quality = Float32Array.from(sum, (s, cj) => {
    const prior = ran[cj % m]! > 0 ? overall[cj % m]! / ran[cj % m]! : 0;
    return (s + o.smoothing * prior) / (count[cj]! + o.smoothing || 1);
  });
  return { dim, centres, quality, sizes };
}

/** The `top` clusters with the most similar centres, nearest first (empty clusters skipped). */
function nearestClusters(st: Pick<State, 'centres' | 'sizes'>, v: Float32Array, top: number): number[] {
  const sims = st.sizes.map((size, c) => ({ c, sim: size > 0 ? dotRow(v, st.centres, c) : -Infinity }));
  return sims
    .sort((a, b) => b.sim - a.sim)
    .slice(0, Math.min(top, sims.length))
    .map((s) => s.c);
}

const CLUSTER_GRID = [8, 16, 32, 64];
const TOP_GRID = [1, 3, 5];

/** The (clusters, top) whose lambda-0 choices score best on a seeded 20% of the training samples. */
function tune(table: MemoryTable, m: number, o: Options): { clusters: number; top: number } {
  const n = table.vectors.length / table.dim;
  const order = permutation(n, mulberry32(o.seed));
  const nVal = Math.floor(n * 0.2);
  const val = order.subarray(0, nVal),
    fit = order.subarray(nVal);
  let best = { clusters: o.clusters, top: o.top, total: -Infinity };
  for (const clusters of CLUSTER_GRID) {
    const st = clusterTable(table, fit, m, clusters, o);
    for (const top of TOP_GRID) {
      let total = 0;
      for (const v of val) {
        const nearest = nearestClusters(st, table.vectors.subarray(v * table.dim, (v + 1) * table.dim), top);
        let pick = -1,
          pickQ = -Infinity;
        for (let j = 0; j < m; j++) {
          if (Number.isNaN(table.scores[v * m + j]!)) continue;
          const q = nearest.reduce((s, c) => s + st.quality[c * m + j]!, 0);
          if (q > pickQ + 1e-9) (pick = j), (pickQ = q);
        }
        if (pick >= 0) total += table.scores[v * m + pick]!;
      }
      if (total > best.total) best = { clusters, top, total };
    }
  }
  return best;
}
