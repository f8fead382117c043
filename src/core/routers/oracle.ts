// `oracle` (evaluation only): knows the true score of every model on the queries it was fitted on,
// so at lambda 0 it takes the cheapest model that scored best: the ceiling for every other router.
import { z } from 'zod';
import type { RouteQuery, TrainingData, Scored } from './router.ts';
import { RouterRuntime } from './runtime.ts';
import { f32 } from './shared/router-file.ts';
import { own } from '../data/named-record.ts';

const options = z.object({}).strict();
const state = z.object({ queries: z.array(z.string()), scores: f32 }).strict();
type State = z.infer<typeof state>;

export class OracleRouter extends RouterRuntime<Record<string, never>, State> {
  static override readonly routerName = 'oracle';
  static override readonly description = 'the cheapest model that scored best, from the true outcomes (evaluation only)';
  static override readonly input = 'text';
  static override readonly evaluationOnly = true;
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  private index = new Map<string, number>();
  protected train(data: TrainingData): State {
    const m = data.models.length;
    const scores = new Float32Array(data.samples.length * m);
    data.samples.forEach((s, i) => data.models.forEach((model, j) => (scores[i * m + j] = own(s.outcomes, model)?.score ?? NaN)));
    return { queries: data.samples.map((s) => s.query), scores };
  }
  protected override score(query: RouteQuery, st: State): Scored {
    if (this.index.size !== st.queries.length) this.index = new Map(st.queries.map((q, i) => [q, i]));
    const row = this.index.get(query.text);
    if (row === undefined) throw new Error('the oracle only knows the queries it was fitted on (it is for evaluation)');
    const m = this.models.length;
    return {
      quality: Array.from(st.scores.subarray(row * m, row * m + m), (s) => (Number.isNaN(s) ? 0 : s)),
      explanation: { summary: 'The true scores of every model on this query (evaluation only).' },
    };
  }
  protected override checkState(st: State, models: number): void {
    if (st.scores.length !== st.queries.length * models)
      throw new Error('invalid router file: state.learned.scores does not match queries x models');
  }
}
