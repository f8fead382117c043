// `llm-router`: an LLM reads the query and a description of every candidate model (from the catalog:
// description, strengths, price) and names the model to use, through the provider layer (the
// CausalLM / LLM-as-judge router). The named model gets quality 1, the others 0; a reply naming no
// known model leaves all equal (the cheapest wins) and says so.
import { z } from 'zod';
import type { CatalogModel } from '../catalog/model.ts';
import type { RouteQuery, TrainingData } from './router.ts';
import { RouterRuntime } from './runtime.ts';

const options = z
  .object({
    /** The model that reads the query and picks (a catalog id the provider layer can call). */
    judge: z.string().min(1),
  })
  .strict();
type Options = z.infer<typeof options>;
const state = z.object({ descriptions: z.array(z.string()) }).strict();
type State = z.infer<typeof state>;

export const JUDGE_INSTRUCTIONS =
  'You route user queries to language models. Pick the cheapest model that will answer the query well. Reply with the model name only.';

/** The user message the judge reads. */
export function judgePrompt(query: string, models: readonly string[], descriptions: readonly string[]): string {
  const list = models.map((m, i) => `- ${m}: ${descriptions[i]}`).join('\n');
  return `Models:\n${list}\n\nQuery:\n${query}\n\nWhich model should answer? Reply with its name only.`;
}

/** What the judge reads about one model: its catalog description, strengths and prices. */
export function describeModel(m: CatalogModel | undefined): string {
  if (!m) return 'no description';
  const strengths = m.strengths.length ? ` Strengths: ${m.strengths.join(', ')}.` : '';
  return `${m.description}${strengths} USD ${m.input_price}/${m.output_price} per million input/output tokens.`;
}

/** The model a reply names: the longest model name found in it (so "gpt-4o-mini" beats "gpt-4o"). */
export function namedModel(reply: string, models: readonly string[]): string | undefined {
  const text = reply.toLowerCase();
  return [...models].sort((a, b) => b.length - a.length).find((m) => text.includes(m.toLowerCase()));
}

export class LlmRouter extends RouterRuntime<Options, State> {
  static override readonly routerName = 'llm-router';
  static override readonly description = 'an LLM reads the query and the model descriptions and names the model';
  static override readonly input = 'provider';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  protected train(data: TrainingData): State {
    const catalog = new Map((data.catalog ?? []).map((m) => [m.id, m]));
    return { descriptions: data.models.map((id) => describeModel(catalog.get(id))) };
  }

  override async predict(query: RouteQuery) {
    const st = this.trained();
    const complete = this.context.complete;
    if (!complete) throw new Error('llm-router calls a judge model: create it with a provider (context.complete)');
    const reply = await complete(
      this.options.judge,
      [
        { role: 'system', content: JUDGE_INSTRUCTIONS },
        { role: 'user', content: judgePrompt(query.text, this.models, st.descriptions) },
      ],
      { maxTokens: 32, temperature: 0 },
    );
    const chosen = namedModel(reply.text, this.models);
    return {
      estimates: this.withCosts(
        this.models.map((model) => (chosen === undefined || model === chosen ? 1 : 0)),
        query.text,
      ),
      explanation: {
        summary: chosen
          ? `${this.options.judge} chose ${chosen}.`
          : `${this.options.judge}'s reply named no known model; all models are left equal.`,
        features: { judge_reply: reply.text.slice(0, 200), judge_cost: reply.cost },
      },
    };
  }
}
