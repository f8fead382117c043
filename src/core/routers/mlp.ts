// `mlp`: a one-hidden-layer network predicting every model's quality at once from the query embedding.
import { QualityNetRouter, qualityNetOptions, qualityNetState } from './shared/quality-net.ts';

export class MlpRouter extends QualityNetRouter {
  static override readonly routerName = 'mlp';
  static override readonly description = "multi-output network: every model's quality at once";
  static override readonly input = 'embedding';
  static override readonly optionsSchema = qualityNetOptions(32, 8, 1e-4);
  static override readonly stateSchema = qualityNetState;
}
