// `automix`: AutoMix's cascade for a small/large pair. The small model answers; then it is asked to
// verify its own answer several times (sampled), and the share of "yes" is the verification score
// (policy `threshold`); or the small model answers several times and the share agreeing with the most
// common answer is the score (policy `self-consistency`). Under the threshold the query escalates to
// the large model: at lambda 0 the small model's quality is the score and the large model's the
// threshold, flagged as a threshold (ModelEstimate.threshold), not a prediction. The small model's answer is in the explanation, to be reused when it is kept.
import { z } from 'zod';
import { Router, type RouteQuery, type TrainingData } from './router.ts';
import { modelPair } from './shared/model-pair.ts';

const options = z
  .object({
    small: z.string().optional(),
    large: z.string().optional(),
    policy: z.enum(['threshold', 'self-consistency']).default('threshold'),
    threshold: z.number().min(0).max(1).default(0.5),
    samples: z.number().int().positive().max(16).default(4),
    maxTokens: z.number().int().positive().default(512),
  })
  .strict();
type Options = z.infer<typeof options>;
const state = z.object({}).strict();

/** AutoMix's self-verification prompt: the model judges its own answer against the question. */
export function verificationPrompt(query: string, answer: string): string {
  return `Context: ${query}\n\nAnswer: ${answer}\n\nIs the answer correct and complete for the context above? Reply with Yes or No.`;
}

export class AutomixRouter extends Router<Options, Record<string, never>> {
  static override readonly routerName = 'automix';
  static override readonly description = 'AutoMix cascade: small model answers and self-verifies, escalates under a threshold';
  static override readonly input = 'provider';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  readonly needsEmbedding = false;

  protected override candidates(data: TrainingData): string[] {
    return modelPair(data, 'automix', this.options.small, this.options.large);
  }

  protected train() {
    return {};
  }

  override async predict(query: RouteQuery) {
    this.trained();
    const complete = this.context.complete;
    if (!complete) throw new Error('automix calls the small model: create it with a provider (context.complete)');
    const [small, large] = this.models as [string, string];
    const o = this.options;
    const ask = (content: string, temperature: number) => complete(small, [{ role: 'user', content }], { maxTokens: o.maxTokens, temperature });
    const first = await ask(query.text, 0);
    let cost = first.cost;
    let agree = 0;
    if (o.policy === 'threshold') {
      const votes = await Promise.all(Array.from({ length: o.samples }, () => ask(verificationPrompt(query.text, first.text), 1)));
      for (const v of votes) (cost += v.cost), (agree += /^\W*yes\b/i.test(v.text) ? 1 : 0);
    } else {
      const answers = [first, ...(await Promise.all(Array.from({ length: o.samples - 1 }, () => ask(query.text, 1))))];
      const counts = new Map<string, number>();
      for (const a of answers.slice(1)) (cost += a.cost);
      for (const a of answers) counts.set(normaliseAnswer(a.text), (counts.get(normaliseAnswer(a.text)) ?? 0) + 1);
      agree = Math.max(...counts.values());
    }
    const score = agree / o.samples;
    return {
      estimates: this.withCosts([score, o.threshold], query.text, 1),
      explanation: {
        summary: `${small} answered and ${o.policy === 'threshold' ? 'verified its answer' : 'answered consistently'} with score ${score.toFixed(2)} (threshold ${o.threshold}): ${score >= o.threshold ? 'kept' : `escalate to ${large}`}.`,
        features: { verification: score, small_answer: first.text, routing_cost: cost },
      },
    };
  }
}

/** Answers compared for self-consistency: lower case, whitespace and trailing punctuation folded. */
function normaliseAnswer(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!\s]+$/, '');
}

