// `elo`: Bradley-Terry ratings of the models from every pairwise outcome in training. It ignores the
// query, as LLMRouter's Elo router does; `sw-ranking` is the query-conditioned version.
import { z } from 'zod';
import type { TrainingData, Scored } from './router.ts';
import { RouterRuntime } from './runtime.ts';
import { bradleyTerry, winRateAgainstField } from './shared/bradley-terry.ts';
import { battles, scoreMatrix } from './shared/outcomes.ts';
import { expectLength } from './shared/router-file.ts';

const options = z.object({ iterations: z.number().int().positive().default(200) }).strict();
type Options = z.infer<typeof options>;
const state = z.object({ ratings: z.array(z.number()) }).strict();
type State = z.infer<typeof state>;

export class EloRouter extends RouterRuntime<Options, State> {
  static override readonly routerName = 'elo';
  static override readonly description = 'Bradley-Terry ratings from pairwise wins; ignores the query';
  static override readonly input = 'text';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  protected train(data: TrainingData): State {
    const sm = scoreMatrix(data);
    const wins = new Float64Array(sm.m * sm.m);
    for (const b of battles(sm)) wins[b.winner * sm.m + b.loser]++;
    return { ratings: [...bradleyTerry(wins, sm.m, this.options.iterations)] };
  }
  protected override score(_q: unknown, st: State): Scored {
    return {
      quality: winRateAgainstField(st.ratings),
      explanation: {
        summary:
          'Bradley-Terry (Elo) ratings from pairwise wins in training; the ' +
          'same for every query. Quality = chance of beating the other models.',
        features: Object.fromEntries(this.models.map((m, i) => [`rating:${m}`, Number(st.ratings[i]!.toFixed(3))])),
      },
    };
  }
  protected override checkState(st: State, models: number): void {
    expectLength(st.ratings, models, 'learned.ratings');
  }
}
