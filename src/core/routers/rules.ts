// `rules`: user-written rules tried in order (regex, length, language, has-code); the first that
// matches names the model. A query no rule matches goes to the fallback router, trained on the same
// data. A matched model is ranked first at any lambda up to 1 for calls under USD 0.10 (the other models keep the fallback's
// order below it, as the fallback chain).
import { z } from 'zod';
import { registryOf, type RouteQuery, type Router, type RouterFile, type RouterInput, type TrainingData } from './router.ts';
import { RouterRuntime } from './runtime.ts';
import type { Step } from './shared/step.ts';
import { detectLanguage, hasCode, LANGUAGES } from './shared/text-features.ts';

const ruleSchema = z
  .object({
    /** Shown in the explanation. */
    name: z.string().optional(),
    when: z
      .object({
        regex: z.string().optional(),
        /** Regex flags, default case-insensitive. */
        flags: z.string().default('i'),
        minChars: z.number().int().min(0).optional(),
        maxChars: z.number().int().min(0).optional(),
        language: z.enum(LANGUAGES).optional(),
        hasCode: z.boolean().optional(),
      })
      .strict(),
    model: z.string().min(1),
  })
  .strict();
type Rule = z.infer<typeof ruleSchema>;

const options = z
  .object({
    rules: z.array(ruleSchema).default([]),
    fallback: z.string().default('best-single'),
    fallbackOptions: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .superRefine((o, ctx) => {
    o.rules.forEach((r, i) => {
      if (r.when.regex === undefined) return;
      try {
        new RegExp(r.when.regex, r.when.flags);
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'when', 'regex'], message: (e as Error).message });
      }
    });
  });
type Options = z.infer<typeof options>;

const state = z
  .object({ fallback: z.custom<RouterFile>((v) => typeof v === 'object' && v !== null, { message: 'expected the fallback router file' }) })
  .strict();
type State = z.infer<typeof state>;

/** The first rule the text matches, with its index. */
export function matchRule(rules: readonly Rule[], text: string): { rule: Rule; index: number } | undefined {
  const index = rules.findIndex(({ when }) => {
    if (when.regex !== undefined && !new RegExp(when.regex, when.flags).test(text)) return false;
    if (when.minChars !== undefined && text.length < when.minChars) return false;
    if (when.maxChars !== undefined && text.length > when.maxChars) return false;
    if (when.language !== undefined && detectLanguage(text) !== when.language) return false;
    if (when.hasCode !== undefined && hasCode(text) !== when.hasCode) return false;
    return true;
  });
  return index < 0 ? undefined : { rule: rules[index]!, index };
}

/** The rules router: its fallback is built and loaded through the registry it was given. */
export class RulesRouter extends RouterRuntime<Options, State> {
  static override readonly routerName = 'rules';
  static override readonly description = 'user rules (regex, length, language, has-code) with a fallback router';
  static override readonly input = 'text';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  private fallbackRouter: Router | undefined;

  /** The fallback's input: a rule reads only the text. */
  override get input(): RouterInput {
    return registryOf(this.context, this.name).kind(this.options.fallback).input === 'embedding' ? 'embedding' : 'text';
  }

  protected override candidates(data: TrainingData): string[] {
    return [...new Set([...data.models, ...this.options.rules.map((r) => r.model)])];
  }

  protected async train(data: TrainingData, step: Step): Promise<State> {
    const fallback = registryOf(this.context, this.name).create(this.options.fallback, this.options.fallbackOptions);
    await fallback.fit(data, step.control);
    this.fallbackRouter = fallback;
    return { fallback: fallback.toJSON() };
  }

  override async predict(query: RouteQuery) {
    const st = this.trained();
    this.fallbackRouter ??= registryOf(this.context, this.name).load(st.fallback);
    const base = await this.fallbackRouter.predict(query);
    const byModel = new Map(base.estimates.map((e) => [e.model, e.quality]));
    const hit = matchRule(this.options.rules, query.text);
    const estimates = this.withCosts(
      this.models.map((model) => (hit && model === hit.rule.model ? 1 : (byModel.get(model) ?? 0) - (hit ? 1 : 0))),
      query.text,
    );
    if (!hit)
      return {
        estimates,
        explanation: { ...base.explanation, summary: `No rule matched; ${this.options.fallback}: ${base.explanation.summary}` },
      };
    const label = hit.rule.name ?? `rule ${hit.index + 1}`;
    return {
      estimates,
      explanation: {
        summary: `${label} matched: use ${hit.rule.model}.`,
        features: { rule: label, language: detectLanguage(query.text), has_code: hasCode(query.text) },
      },
    };
  }

  protected override checkState(st: State): void {
    this.fallbackRouter = registryOf(this.context, this.name).load(st.fallback);
  }
}
