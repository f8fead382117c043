// `best-single` (alias `largest`): each model's mean training quality, whatever the query; at lambda 0
// the best model on the training data, at higher lambda the best fixed trade-off.
import { z } from 'zod';
import { defineRouter } from './runtime.ts';
import { scoreMatrix } from './shared/outcomes.ts';
import { expectLength } from './shared/router-file.ts';

export const BestSingleRouter = defineRouter({
  name: 'best-single',
  description: 'the best model on the training data for every query (baseline; alias largest)',
  input: 'text',
  options: z.object({}).strict(),
  state: z.object({ meanQuality: z.array(z.number()) }).strict(),
  fit: (data) => ({ meanQuality: [...scoreMatrix(data).meanScore] }),
  score: (_query, st) => ({
    quality: st.meanQuality,
    explanation: { summary: "Each model's mean quality on the training data, whatever the query." },
  }),
  check: (st, models) => expectLength(st.meanQuality, models, 'learned.meanQuality'),
});
