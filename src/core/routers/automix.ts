// `automix`: AutoMix's cascade for a small/large pair. The small model answers; then it is asked to verify its own
// answer several times (sampled), and the share of "yes" is the verification score (policy `threshold`); or the small
// model answers several times and the share agreeing with the most common answer is the score (policy
// `self-consistency`). Under the threshold the query escalates to the large model: at lambda 0 the small model's
// quality is the score and the large model's the threshold, flagged as a threshold (ModelEstimate.threshold), not a
// prediction. The small model's answer is in the explanation, to be reused when it is kept.
import { z } from 'zod';
import type { ChatMessage, Complete } from './complete.ts';
import type { RouteQuery, TrainingData } from './router.ts';
import { RouterRuntime } from './runtime.ts';
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

export class AutomixRouter extends RouterRuntime<Options, Record<string, never>> {
  static override readonly routerName = 'automix';
  static override readonly description = 'AutoMix cascade: small model answers and self-verifies, escalates under a threshold';
  static override readonly input = 'provider';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

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
    const {
      answer: first,
      score,
      cost,
    } = await (o.policy === 'threshold' ? selfVerify : selfConsistency)(complete, small, [{ role: 'user', content: query.text }], o);
    return {
      estimates: this.withCosts([score, o.threshold], query.text, 1),
      explanation: {
        summary:
          `${small} answered and ${o.policy === 'threshold' ? 'verified its answer' : 'answered consistently'} with ` +
          `score ${score.toFixed(2)} (threshold ${o.threshold}): ${score >= o.threshold ? 'kept' : `escalate to ${large}`}.`,
        features: { verification: score, small_answer: first.text, routing_cost: cost },
      },
    };
  }
}

export interface Verified {
  answer: { text: string; cost: number };
  /** Share of verification votes (or consistent answers) in [0,1]. */
  score: number;
  /** USD of the answer and every verification call. */
  cost: number;
}

type Check = (complete: Complete, model: string, messages: ChatMessage[], o: { samples: number; maxTokens: number }) => Promise<Verified>;

/** AutoMix's self-verification: the model answers, then judges its own answer `samples` times (sampled); the score is
 * the share of "yes". */
export const selfVerify: Check = async (complete, model, messages, o) => {
  const first = await complete(model, messages, { maxTokens: o.maxTokens, temperature: 0 });
  const votes = await verificationVotes(complete, model, messages.at(-1)!.content, first.text, o);
  return { answer: first, score: votes.score, cost: first.cost + votes.cost };
};

/** The model judges a given answer `samples` times (sampled): the share of "yes", and the USD of the votes. */
export async function verificationVotes(
  complete: Complete,
  model: string,
  question: string,
  answer: string,
  o: { samples: number; maxTokens: number },
) {
  const votes = await Promise.all(
    Array.from({ length: o.samples }, () =>
      complete(model, [{ role: 'user', content: verificationPrompt(question, answer) }], { maxTokens: o.maxTokens, temperature: 1 }),
    ),
  );
  const yes = votes.filter((v) => /^\W*yes\b/i.test(v.text)).length;
  return { score: yes / o.samples, cost: votes.reduce((s, v) => s + v.cost, 0) };
}

/** Self-consistency: the model answers `samples` times; the score is the share agreeing with the most common answer. */
const selfConsistency: Check = async (complete, model, messages, o) => {
  const first = await complete(model, messages, { maxTokens: o.maxTokens, temperature: 0 });
  const more = await Promise.all(
    Array.from({ length: o.samples - 1 }, () => complete(model, messages, { maxTokens: o.maxTokens, temperature: 1 })),
  );
  const counts = new Map<string, number>();
  for (const a of [first, ...more]) counts.set(normaliseAnswer(a.text), (counts.get(normaliseAnswer(a.text)) ?? 0) + 1);
  return { answer: first, score: Math.max(...counts.values()) / o.samples, cost: first.cost + more.reduce((s, a) => s + a.cost, 0) };
};

/** Answers compared for self-consistency: lower case, whitespace and trailing punctuation folded. */
function normaliseAnswer(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!\s]+$/, '');
}
