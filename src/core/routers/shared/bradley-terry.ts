// Bradley-Terry ratings from (weighted) pairwise win counts, by the MM algorithm (Hunter 2004),
// and the win probability of each model against the field. Shared by elo and sw-ranking.

/**
 * `wins[a * m + b]` = weight of battles `a` won against `b`. Returns log-strengths (mean 0), in
 * `ratings` when given. A small prior (`prior` wins each way against every model, default half a win)
 * keeps unbeaten models finite; with 0 it is the plain maximum-likelihood fit (RouteLLM's, unpenalised).
 */
export function bradleyTerry(wins: Float64Array, m: number, iterations = 100, ratings = new Float64Array(m), prior = 0.5): Float64Array {
  const p = new Float64Array(m).fill(1);
  const next = new Float64Array(m);
  for (let it = 0; it < iterations; it++) {
    let change = 0;
    for (let a = 0; a < m; a++) {
      let w = 0,
        denom = 0;
      for (let b = 0; b < m; b++) {
        if (a === b) continue;
        const nab = wins[a * m + b]! + wins[b * m + a]! + 2 * prior;
        w += wins[a * m + b]! + prior;
        denom += nab / (p[a]! + p[b]!);
      }
      next[a] = w / denom;
    }
    let g = 0;
    for (let a = 0; a < m; a++) g += Math.log(next[a]!);
    g = Math.exp(g / m);
    for (let a = 0; a < m; a++) {
      const v = next[a]! / g;
      change = Math.max(change, Math.abs(v - p[a]!));
      p[a] = v;
    }
    if (change < 1e-7) break;
  }
  for (let a = 0; a < m; a++) ratings[a] = Math.log(p[a]!);
  return ratings;
}

/** For each model, the mean probability of beating each other model under the ratings. */
export function winRateAgainstField(ratings: ArrayLike<number>, out = new Float64Array(ratings.length)): Float64Array {
  const m = ratings.length;
  for (let a = 0; a < m; a++) {
    let s = 0;
    for (let b = 0; b < m; b++) if (b !== a) s += 1 / (1 + Math.exp(ratings[b]! - ratings[a]!));
    out[a] = m > 1 ? s / (m - 1) : 0.5;
  }
  return out;
}
