// `logreg`: one logistic regression per model on the query embedding, predicting its quality.
import { defineRouter } from './shared/define-router.ts';
import { QualityNetRouter, qualityNetOptions, qualityNetState } from './shared/quality-net.ts';

export const logregRouter = defineRouter({
  name: 'logreg',
  description: "logistic regression per model: each model's chance of answering well",
  input: 'embedding',
  options: qualityNetOptions(0, 8, 1e-4),
  state: qualityNetState,
  build: (name, o) => new QualityNetRouter(name, { ...o, hidden: 0 }),
});
