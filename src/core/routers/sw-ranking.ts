// `sw-ranking`: RouteLLM's similarity-weighted ranking. Every training battle is weighted by how
// similar its query is to this one (weight = 10 * base^(similarity / max similarity), as RouteLLM),
// and Bradley-Terry ratings are fitted per query from the weighted wins: Elo conditioned on the query.
import { z } from 'zod';
import type { RouteQuery, TrainingData } from './router.ts';
import { BaseRouter, type Scored } from './shared/base-router.ts';
import { bradleyTerry, winRateAgainstField } from './shared/bradley-terry.ts';
import { defineRouter } from './shared/define-router.ts';
import { ExactIndex } from './shared/exact-index.ts';
import { battles } from './shared/outcomes.ts';
import { checkMemoryTable, memoryTable, memoryTableFields } from './shared/memory-table.ts';

const options = z
  .object({
    base: z.number().min(1).default(10),
    iterations: z.number().int().positive().default(50),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z
  .object({
    /** The battles are derived from the scores. */
    ...memoryTableFields,
  })
  .strict();
type State = z.infer<typeof state>;

class SwRankingRouter extends BaseRouter<Options, State> {
  readonly needsEmbedding = true;
  private index: ExactIndex | undefined;
  private weights = new Float64Array(0);
  private wins = new Float64Array(0);
  private ratings = new Float64Array(0);
  private battles: Int32Array = new Int32Array(0);

  protected train(data: TrainingData): State {
    return memoryTable(data);
  }

  protected score(query: RouteQuery, st: State): Scored {
    const m = this.models.length;
    if (!this.index || this.index.vectors !== st.vectors) {
      this.index = new ExactIndex(st.vectors, st.dim, 1);
      this.weights = new Float64Array(this.index.size);
      this.wins = new Float64Array(m * m);
      this.ratings = new Float64Array(m);
      this.battles = battleTriples(st.scores, m);
    }
    const sims = this.index.similarities(query.embedding!);
    let max = -Infinity;
    for (let i = 0; i < sims.length; i++) if (sims[i]! > max) max = sims[i]!;
    const scale = Math.log(this.options.base) / (Math.abs(max) || 1);
    for (let i = 0; i < sims.length; i++) this.weights[i] = 10 * Math.exp(sims[i]! * scale);
    this.wins.fill(0);
    const b = this.battles;
    for (let k = 0; k < b.length; k += 3) this.wins[b[k + 1]! * m + b[k + 2]!] += this.weights[b[k]!]!;
    bradleyTerry(this.wins, m, this.options.iterations, this.ratings);
    return {
      quality: winRateAgainstField(this.ratings),
      explanation: {
        summary: 'Bradley-Terry ratings fitted for this query, each training battle weighted by its similarity to it (RouteLLM sw-ranking).',
        features: { most_similar: Number(max.toFixed(3)) },
      },
    };
  }

  protected override checkState(st: State, models: number): void {
    checkMemoryTable(st, models);
  }
}

/** Every (sample, winner, loser) triple of the score table, flattened. */
function battleTriples(scores: Float32Array, m: number): Int32Array {
  const n = scores.length / m;
  const ran = Uint8Array.from(scores, (s) => (Number.isNaN(s) ? 0 : 1));
  const flat: number[] = [];
  for (const b of battles({ n, m, scores, ran })) flat.push(b.sample, b.winner, b.loser);
  return Int32Array.from(flat);
}

export const swRankingRouter = defineRouter({
  name: 'sw-ranking',
  description: 'similarity-weighted Bradley-Terry ratings per query (RouteLLM); query-aware Elo',
  input: 'embedding',
  options,
  state,
  build: (name, o) => new SwRankingRouter(name, o),
});
