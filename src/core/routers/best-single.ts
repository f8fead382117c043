// `best-single` (alias `largest`): each model's mean training quality, whatever the query; at lambda 0
// the best model on the training data, at higher lambda the best fixed trade-off.
import { z } from 'zod';
import type { TrainingData, Scored } from './router.ts';
import { RouterRuntime } from './runtime.ts';
import { scoreMatrix } from './shared/outcomes.ts';
import { expectLength } from './shared/router-file.ts';

const options = z.object({}).strict();
const state = z.object({ meanQuality: z.array(z.number()) }).strict();
type State = z.infer<typeof state>;

export class BestSingleRouter extends RouterRuntime<Record<string, never>, State> {
  static override readonly routerName = 'best-single';
  static override readonly description = 'the best model on the training data for every query (baseline; alias largest)';
  static override readonly input = 'text';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  protected train(data: TrainingData): State {
    return { meanQuality: [...scoreMatrix(data).meanScore] };
  }
  protected override score(_q: unknown, st: State): Scored {
    return { quality: st.meanQuality, explanation: { summary: "Each model's mean quality on the training data, whatever the query." } };
  }
  protected override checkState(st: State, models: number): void {
    expectLength(st.meanQuality, models, 'learned.meanQuality');
  }
}
