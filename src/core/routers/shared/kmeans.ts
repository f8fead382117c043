// Lloyd's k-means on unit vectors (cosine), seeded: cluster labels for contrastive training.
import { dotRow, normalised } from './vectors.ts';
import { mulberry32 } from '../../data/random.ts';

export function kmeans(vectors: Float32Array, dim: number, k: number, seed: number, iterations = 10): Int32Array {
  const n = vectors.length / dim;
  const kk = Math.min(k, n);
  const random = mulberry32(seed);
  const centres = new Float32Array(kk * dim);
  for (let c = 0; c < kk; c++) {
    const row = Math.floor(random() * n);
    centres.set(vectors.subarray(row * dim, row * dim + dim), c * dim);
  }
  const labels = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) {
      const v = vectors.subarray(i * dim, (i + 1) * dim);
      let best = 0,
        bestSim = -Infinity;
      for (let c = 0; c < kk; c++) {
        const s = dotRow(v, centres, c);
        if (s > bestSim) (bestSim = s), (best = c);
      }
      labels[i] = best;
    }
    const sums = new Float32Array(kk * dim);
    for (let i = 0; i < n; i++) for (let e = 0; e < dim; e++) sums[labels[i]! * dim + e] += vectors[i * dim + e]!;
    for (let c = 0; c < kk; c++) centres.set(normalised(sums.subarray(c * dim, (c + 1) * dim)), c * dim);
  }
  return labels;
}
