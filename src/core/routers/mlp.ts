// `mlp`: a one-hidden-layer network predicting every model's quality at once from the query embedding.
import { defineRouter } from './runtime.ts';
import { qualityNet, qualityNetOptions } from './shared/quality-net.ts';

export const MlpRouter = defineRouter(
  qualityNet('mlp', "multi-output network: every model's quality at once", qualityNetOptions(32, 8, 1e-4)),
);
