// `cheapest` (alias `smallest`): every model gets the same quality estimate, so the shared rule's
// tie-break always picks the cheapest allowed model.
import { z } from 'zod';
import type { TrainingData, Scored } from './router.ts';
import { RouterRuntime } from './runtime.ts';
import { scoreMatrix } from './shared/outcomes.ts';

const options = z.object({}).strict();
const state = z.object({ meanQuality: z.number() }).strict();
type State = z.infer<typeof state>;

export class CheapestRouter extends RouterRuntime<Record<string, never>, State> {
  static override readonly routerName = 'cheapest';
  static override readonly description = 'always the cheapest allowed model (baseline; alias smallest)';
  static override readonly input = 'text';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  protected train(data: TrainingData): State {
    const sm = scoreMatrix(data);
    let s = 0,
      n = 0;
    for (let i = 0; i < sm.scores.length; i++) if (sm.ran[i]) (s += sm.scores[i]!), n++;
    return { meanQuality: s / n };
  }
  protected override score(_q: unknown, st: State): Scored {
    return {
      quality: this.models.map(() => st.meanQuality),
      explanation: { summary: 'Every model is assumed equally good (the training mean), so the cheapest allowed model is taken.' },
    };
  }
}
