// Context-aware query vectors for follow-ups: a short follow-up ("and in Python?") means little alone, so
// its vector is blended with the previous user turn's before routing, then re-normalised.

/** Weight of the follow-up itself; the rest goes to the previous turn. */
export const FOLLOW_UP_WEIGHT = 0.7;

export function contextualVector(query: Float32Array, previous: Float32Array | undefined, weight = FOLLOW_UP_WEIGHT): Float32Array {
  if (!previous) return query;
  if (previous.length !== query.length) throw new Error(`context vector has ${previous.length} dimensions, the query ${query.length}`);
  const out = new Float32Array(query.length);
  let norm = 0;
  for (let i = 0; i < query.length; i++) {
    out[i] = weight * query[i]! + (1 - weight) * previous[i]!;
    norm += out[i]! * out[i]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}
