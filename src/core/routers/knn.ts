// `knn`: each model's quality is the (similarity-weighted) mean of its scores on the k most similar
// training queries by cosine, found by an exact scan over one contiguous matrix of unit vectors.
import { z } from 'zod';
import type { RouteQuery, TrainingData } from './router.ts';
import { BaseRouter, type Scored } from './shared/base-router.ts';
import { defineRouter } from './shared/define-router.ts';
import { ExactIndex } from './shared/exact-index.ts';
import { scoreMatrix } from './shared/outcomes.ts';
import { expectLength } from './shared/router-file.ts';
import { checkMemoryTable, memoryTable, memoryTableFields } from './shared/memory-table.ts';

const options = z
  .object({
    k: z.number().int().positive().max(1000).default(20),
    /** uniform: plain mean; distance: weight 1/(1 - similarity); softmax: exp(similarity / temperature). */
    weighting: z.enum(['uniform', 'distance', 'softmax']).default('softmax'),
    temperature: z.number().positive().default(0.05),
    /** How many neighbours the explanation lists. */
    explain: z.number().int().min(0).default(3),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z
  .object({
    ...memoryTableFields,
    prior: z.array(z.number()),
    ids: z.array(z.string()),
    queries: z.array(z.string()),
  })
  .strict();
type State = z.infer<typeof state>;

class KnnRouter extends BaseRouter<Options, State> {
  readonly needsEmbedding = true;
  private index: ExactIndex | undefined;
  private sum = new Float64Array(0);
  private weight = new Float64Array(0);

  protected train(data: TrainingData): State {
    return {
      ...memoryTable(data),
      prior: [...scoreMatrix(data).meanScore],
      ids: data.samples.map((s) => s.id),
      queries: data.samples.map((s) => s.query.slice(0, 200)),
    };
  }

  protected score(query: RouteQuery, st: State): Scored {
    const m = st.prior.length;
    if (!this.index || this.index.vectors !== st.vectors) {
      this.index = new ExactIndex(st.vectors, st.dim, this.options.k);
      this.sum = new Float64Array(m);
      this.weight = new Float64Array(m);
    }
    const index = this.index;
    index.search(query.embedding!, this.options.k);
    this.sum.fill(0);
    this.weight.fill(0);
    const top = index.topSim[0] ?? 0;
    for (let r = 0; r < index.found; r++) {
      const row = index.topIndex[r]!;
      const w = this.neighbourWeight(index.topSim[r]!, top);
      for (let j = 0; j < m; j++) {
        const s = st.scores[row * m + j]!;
        if (s === s) (this.sum[j] += w * s), (this.weight[j] += w);
      }
    }
    const quality = new Float64Array(m);
    for (let j = 0; j < m; j++) quality[j] = this.weight[j]! > 0 ? this.sum[j]! / this.weight[j]! : st.prior[j]!;
    const shown = Math.min(this.options.explain, index.found);
    return {
      quality,
      explanation: {
        summary: `Mean score of each model on the ${index.found} most similar training queries (${this.options.weighting} weighting).`,
        neighbours: Array.from({ length: shown }, (_, r) => {
          const row = index.topIndex[r]!;
          return { id: st.ids[row]!, query: st.queries[row]!, similarity: index.topSim[r]! };
        }),
      },
    };
  }

  private neighbourWeight(similarity: number, top: number): number {
    if (this.options.weighting === 'uniform') return 1;
    if (this.options.weighting === 'distance') return 1 / (1 - similarity + 1e-6);
    return Math.exp((similarity - top) / this.options.temperature);
  }

  protected override checkState(st: State, models: number): void {
    const n = checkMemoryTable(st, models);
    expectLength(st.ids, n, 'learned.ids');
    expectLength(st.queries, n, 'learned.queries');
    expectLength(st.prior, models, 'learned.prior');
  }
}

export const knnRouter = defineRouter({
  name: 'knn',
  description: 'k nearest training queries by cosine; each model scored by its neighbours',
  input: 'embedding',
  options,
  state,
  build: (name, o) => new KnnRouter(name, o),
});
