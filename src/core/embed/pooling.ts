// Turning encoder outputs into unit-length sentence vectors: masked mean pooling over token states, and L2
// normalisation (sentence-transformers' recipe; USE-lite pools inside its graph and only needs the latter).

/** Mean of the token vectors whose mask is 1, for each row of a [batch, seq, dim] tensor. */
export function meanPool(states: Float32Array, mask: BigInt64Array, batch: number, seq: number, dim: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const v = new Float32Array(dim);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (mask[b * seq + t] === 0n) continue;
      count++;
      const offset = (b * seq + t) * dim;
      for (let d = 0; d < dim; d++) v[d] += states[offset + d];
    }
    if (count > 0) for (let d = 0; d < dim; d++) v[d] /= count;
    out.push(v);
  }
  return out;
}

/** The vector scaled to length 1 (a zero vector stays zero). */
export function l2Normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  return v.map((x) => x * scale);
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}
