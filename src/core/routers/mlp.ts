// `mlp`: a one-hidden-layer network predicting every model's quality at once from the query embedding.
import { defineRouter } from './shared/define-router.ts';
import { QualityNetRouter, qualityNetOptions, qualityNetState } from './shared/quality-net.ts';

export const mlpRouter = defineRouter({
  name: 'mlp',
  description: "multi-output network: every model's quality at once",
  input: 'embedding',
  options: qualityNetOptions(32, 8, 1e-4),
  state: qualityNetState,
  build: (name, o) => new QualityNetRouter(name, o),
});
