// `sw-ranking`: RouteLLM's similarity-weighted ranking. Every training battle is weighted by how
// similar its query is to this one (weight = 10 * base^(similarity / max similarity), as RouteLLM),
// and Bradley-Terry ratings are fitted per query from the weighted wins: Elo conditioned on the query.
// Ties count as RouteLLM counts them: half a win for each side. `prior` adds that many wins each way
// between every pair (RouteLLM's unpenalised fit is its limit at 0; the default half win keeps unbeaten models finite).
import { z } from 'zod';
import { defineRouter } from './runtime.ts';
import { bradleyTerry, winRateAgainstField } from './shared/bradley-terry.ts';
import { ExactIndex } from './shared/exact-index.ts';
import { battles } from './shared/outcomes.ts';
import { checkMemoryTable, memoryTable, memoryTableFields } from './shared/memory-table.ts';
import { perState } from './shared/per-state.ts';

const options = z
  .object({
    base: z.number().min(1).default(10),
    iterations: z.number().int().positive().default(50),
    prior: z.number().positive().default(0.5),
  })
  .strict();

const state = z
  .object({
    /** The battles are derived from the scores. */
    ...memoryTableFields,
  })
  .strict();
type State = z.infer<typeof state>;

/** Per trained state: its index, outcome patterns and scratch arrays. */
const work = new WeakMap<State, Work>();
interface Work {
  index: ExactIndex;
  wins: Float64Array;
  ratings: Float64Array<ArrayBuffer>;
  patterns: OutcomePatterns;
  patternWeight: Float64Array;
}

export const SwRankingRouter = defineRouter({
  name: 'sw-ranking',
  description: 'similarity-weighted Bradley-Terry ratings per query (RouteLLM); query-aware Elo',
  input: 'embedding',
  options,
  state,
  fit: (data) => memoryTable(data),
  score(query, st, { options: o, models }) {
    const m = models.length;
    const w = perState(work, st, () => {
      const patterns = outcomePatterns(st.scores, m);
      const index = new ExactIndex(st.vectors, st.dim, 1);
      return {
        index,
        wins: new Float64Array(m * m),
        ratings: new Float64Array(m),
        patterns,
        patternWeight: new Float64Array(patterns.count),
      };
    });
    const { of, battles: pb, weights } = w.patterns;
    const sims = w.index.similarities(query.embedding!);
    let max = -Infinity;
    for (let i = 0; i < sims.length; i++) if (sims[i]! > max) max = sims[i]!;
    const scale = Math.log(o.base) / (Math.abs(max) || 1);
    w.patternWeight.fill(0);
    for (let i = 0; i < sims.length; i++) w.patternWeight[of[i]!] += 10 * Math.exp(sims[i]! * scale);
    w.wins.fill(0);
    for (let k = 0; k < weights.length; k++) w.wins[pb[3 * k + 1]! * m + pb[3 * k + 2]!] += weights[k]! * w.patternWeight[pb[3 * k]!]!;
    bradleyTerry(w.wins, m, o.iterations, w.ratings, o.prior);
    return {
      quality: winRateAgainstField(w.ratings),
      explanation: {
        summary:
          'Bradley-Terry ratings fitted for this query, each training battle weighted by its similarity to it (RouteLLM sw-ranking).',
        features: { most_similar: Number(max.toFixed(3)) },
      },
    };
  },
  check: (st, models) => void checkMemoryTable(st, models),
});

/**
 * Samples grouped by their row of scores (samples with the same outcomes fight the same battles), so
 * a query sums weights per pattern and then adds each pattern's battles once.
 */
interface OutcomePatterns {
  count: number;
  /** Pattern index of each sample. */
  of: Int32Array;
  /** (pattern, winner, loser) triples, flattened. */
  battles: Int32Array;
  /** Each triple's weight: 1 for a win, 0.5 for each half of a tie. */
  weights: Float64Array;
}

function outcomePatterns(scores: Float32Array, m: number): OutcomePatterns {
  const n = scores.length / m;
  const ids = new Map<string, number>();
  const of = new Int32Array(n);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = Array.from(scores.subarray(i * m, (i + 1) * m)).join(',');
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size)), rows.push(i);
    of[i] = id;
  }
  const unique = new Float32Array(rows.length * m);
  rows.forEach((row, p) => unique.set(scores.subarray(row * m, (row + 1) * m), p * m));
  const ran = Uint8Array.from(unique, (s) => (Number.isNaN(s) ? 0 : 1));
  const all = battles({ n: rows.length, m, scores: unique, ran }, { ties: true });
  return {
    count: rows.length,
    of,
    battles: Int32Array.from(all.flatMap((b) => [b.sample, b.winner, b.loser])),
    weights: Float64Array.from(all, (b) => b.weight),
  };
}
