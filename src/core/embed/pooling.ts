// Turning encoder outputs into sentence vectors: which pooling a model needs (its own sentence-transformers
// config when it has one), L2 normalisation, and joining the vectors of a long text's windows into one.
// Mean and CLS pooling of token states are transformers.js's (mean_pooling, Tensor.slice) in onnx-embedder.ts.

/** mean / cls over token states; none: the model's output is already one vector per text (USE-lite, a classifier). */
export type Pooling = 'mean' | 'cls' | 'none';
export const POOLINGS: readonly Pooling[] = ['mean', 'cls', 'none'];

/** The pooling a sentence-transformers model folder declares in 1_Pooling/config.json, if it declares one. */
export function poolingFromSentenceTransformers(config: unknown): Pooling | undefined {
  if (!config || typeof config !== 'object') return undefined;
  const c = config as Record<string, unknown>;
  if (c.pooling_mode_cls_token === true) return 'cls';
  if (c.pooling_mode_mean_tokens === true) return 'mean';
  return undefined;
}

/** The vector scaled to length 1 (a zero vector stays zero). */
export function l2Normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  return v.map((x) => x * scale);
}

/** The weighted mean of vectors of one length (a long text's windows, weighted by their tokens). */
export function weightedMean(vectors: readonly Float32Array[], weights: readonly number[]): Float32Array {
  const out = new Float32Array(vectors[0]!.length);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  vectors.forEach((v, i) => v.forEach((x, d) => (out[d] += (x * weights[i]!) / total)));
  return out;
}
