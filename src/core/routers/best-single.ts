// `best-single` (alias `largest`): each model's mean training quality, whatever the query; at lambda 0
// the best model on the training data, at higher lambda the best fixed trade-off.
import { z } from 'zod';
import type { TrainingData } from './router.ts';
import { BaseRouter, type Scored } from './shared/base-router.ts';
import { defineRouter } from './shared/define-router.ts';
import { scoreMatrix } from './shared/outcomes.ts';
import { expectLength } from './shared/router-file.ts';

const options = z.object({}).strict();
const state = z.object({ meanQuality: z.array(z.number()) }).strict();
type State = z.infer<typeof state>;

class BestSingleRouter extends BaseRouter<Record<string, never>, State> {
  readonly needsEmbedding = false;
  protected train(data: TrainingData): State {
    return { meanQuality: [...scoreMatrix(data).meanScore] };
  }
  protected score(_q: unknown, st: State): Scored {
    return { quality: st.meanQuality, explanation: { summary: "Each model's mean quality on the training data, whatever the query." } };
  }
  protected override checkState(st: State, models: number): void {
    expectLength(st.meanQuality, models, 'learned.meanQuality');
  }
}

export const bestSingleRouter = defineRouter({
  name: 'best-single',
  description: 'the best model on the training data for every query (baseline; alias largest)',
  input: 'text',
  options,
  state,
  build: (name, o) => new BestSingleRouter(name, o as Record<string, never>),
});
