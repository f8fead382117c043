// `logreg`: one logistic regression per model on the query embedding, predicting its quality.
import { defineRouter } from './runtime.ts';
import { qualityNet, qualityNetOptions } from './shared/quality-net.ts';

export const LogregRouter = defineRouter(
  qualityNet('logreg', "logistic regression per model: each model's chance of answering well", qualityNetOptions(0, 8, 1e-4), 0),
);
