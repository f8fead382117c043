// `logreg`: one logistic regression per model on the query embedding, predicting its quality.
import type { RouterContext } from './router.ts';
import { QualityNetRouter, qualityNetOptions, qualityNetState, type QualityNetOptions } from './shared/quality-net.ts';

export class LogregRouter extends QualityNetRouter {
  static override readonly routerName = 'logreg';
  static override readonly description = "logistic regression per model: each model's chance of answering well";
  static override readonly input = 'embedding';
  static override readonly optionsSchema = qualityNetOptions(0, 8, 1e-4);
  static override readonly stateSchema = qualityNetState;

  constructor(o: QualityNetOptions, context?: RouterContext) {
    super({ ...o, hidden: 0 }, context);
  }
}
