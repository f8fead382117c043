// `cheapest` (alias `smallest`): every model gets the same quality estimate, so the shared rule's
// tie-break always picks the cheapest allowed model.
import { z } from 'zod';
import { defineRouter } from './runtime.ts';
import { scoreMatrix } from './shared/outcomes.ts';

export const CheapestRouter = defineRouter({
  name: 'cheapest',
  description: 'always the cheapest allowed model (baseline; alias smallest)',
  input: 'text',
  options: z.object({}).strict(),
  state: z.object({ meanQuality: z.number() }).strict(),
  fit(data) {
    const sm = scoreMatrix(data);
    let s = 0,
      n = 0;
    for (let i = 0; i < sm.scores.length; i++) if (sm.ran[i]) (s += sm.scores[i]!), n++;
    return { meanQuality: s / n };
  },
  score: (_query, st, { models }) => ({
    quality: models.map(() => st.meanQuality),
    explanation: { summary: 'Every model is assumed equally good (the training mean), so the cheapest allowed model is taken.' },
  }),
});
