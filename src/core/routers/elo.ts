// `elo`: Bradley-Terry ratings of the models from every pairwise outcome in training. It ignores the
// query, as LLMRouter's Elo router does; `sw-ranking` is the query-conditioned version.
import { z } from 'zod';
import { defineRouter } from './runtime.ts';
import { bradleyTerry, winRateAgainstField } from './shared/bradley-terry.ts';
import { battles, scoreMatrix } from './shared/outcomes.ts';
import { expectLength } from './shared/router-file.ts';

export const EloRouter = defineRouter({
  name: 'elo',
  description: 'Bradley-Terry ratings from pairwise wins; ignores the query',
  input: 'text',
  options: z.object({ iterations: z.number().int().positive().default(200) }).strict(),
  state: z.object({ ratings: z.array(z.number()) }).strict(),
  fit(data, options) {
    const sm = scoreMatrix(data);
    const wins = new Float64Array(sm.m * sm.m);
    for (const b of battles(sm)) wins[b.winner * sm.m + b.loser]++;
    return { ratings: [...bradleyTerry(wins, sm.m, options.iterations)] };
  },
  score: (_query, st, { models }) => ({
    quality: winRateAgainstField(st.ratings),
    explanation: {
      summary:
        'Bradley-Terry (Elo) ratings from pairwise wins in training; the ' +
        'same for every query. Quality = chance of beating the other models.',
      features: Object.fromEntries(models.map((m, i) => [`rating:${m}`, Number(st.ratings[i]!.toFixed(3))])),
    },
  }),
  check: (st, models) => expectLength(st.ratings, models, 'learned.ratings'),
});
