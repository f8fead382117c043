// `oracle` (evaluation only): knows the true score of every model on the queries it was fitted on,
// so at lambda 0 it takes the cheapest model that scored best: the ceiling for every other router.
import { z } from 'zod';
import { defineRouter } from './runtime.ts';
import { f32 } from './shared/router-file.ts';
import { perState } from './shared/per-state.ts';
import { own } from '../data/named-record.ts';

const state = z.object({ queries: z.array(z.string()), scores: f32 }).strict();
type State = z.infer<typeof state>;
/** Each known query's row. */
const rows = new WeakMap<State, Map<string, number>>();

export const OracleRouter = defineRouter({
  name: 'oracle',
  description: 'the cheapest model that scored best, from the true outcomes (evaluation only)',
  input: 'text',
  evaluationOnly: true,
  options: z.object({}).strict(),
  state,
  fit(data) {
    const m = data.models.length;
    const scores = new Float32Array(data.samples.length * m);
    data.samples.forEach((s, i) => data.models.forEach((model, j) => (scores[i * m + j] = own(s.outcomes, model)?.score ?? NaN)));
    return { queries: data.samples.map((s) => s.query), scores };
  },
  score(query, st, { models }) {
    const row = perState(rows, st, () => new Map(st.queries.map((q, i) => [q, i]))).get(query.text);
    if (row === undefined) throw new Error('the oracle only knows the queries it was fitted on (it is for evaluation)');
    const m = models.length;
    return {
      quality: Array.from(st.scores.subarray(row * m, row * m + m), (s) => (Number.isNaN(s) ? 0 : s)),
      explanation: { summary: 'The true scores of every model on this query (evaluation only).' },
    };
  },
  check(st, models) {
    if (st.scores.length !== st.queries.length * models)
      throw new Error('invalid router file: state.learned.scores does not match queries x models');
  },
});
