// A small verifier of (query, answer) pairs that runs on the device: logistic regression over the standardised
// answer features (answer-features.ts), trained on responses labelled right or wrong; it scores the chance an
// answer is right. A cascade keeps a cheap answer whose score reaches its threshold and escalates the rest.
import { z } from 'zod';
import { ANSWER_FEATURES, answerFeatures } from './answer-features.ts';
import { trainDenseNet } from '../routers/shared/dense-net.ts';
import { Step } from '../routers/shared/step.ts';
import { sigmoid } from '../routers/shared/vectors.ts';

export const VERIFIER_FORMAT = 'llmrouter-web/answer-verifier';

export const verifierSchema = z
  .object({
    format: z.literal(VERIFIER_FORMAT),
    features: z.array(z.string()),
    mean: z.array(z.number()),
    scale: z.array(z.number().positive()),
    weights: z.array(z.number()),
    bias: z.number(),
  })
  .strict()
  .refine((v) => v.features.join() === ANSWER_FEATURES.join(), { message: `features must be ${ANSWER_FEATURES.join(', ')}` })
  .refine((v) => [v.mean, v.scale, v.weights].every((a) => a.length === ANSWER_FEATURES.length), {
    message: 'one mean, scale and weight per feature',
  });
export type Verifier = z.infer<typeof verifierSchema>;

/** A labelled answer: the query, the answer given, and whether it was right (or a rating in [0,1]). */
export interface VerifierExample {
  query: string;
  answer: string;
  correct: number;
}

export async function trainVerifier(examples: readonly VerifierExample[], seed = 1): Promise<Verifier> {
  if (examples.length === 0) throw new Error('no labelled answers to train the verifier on');
  const rows = examples.map((e) => answerFeatures(e.query, e.answer));
  const d = ANSWER_FEATURES.length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
  const scale = mean.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / rows.length) || 1);
  const x = new Float32Array(rows.length * d);
  rows.forEach((r, i) => r.forEach((v, j) => (x[i * d + j] = (v - mean[j]!) / scale[j]!)));
  const y = Float32Array.from(examples, (e) => e.correct);
  const spec = { x, y, mask: new Uint8Array(y.length).fill(1), hidden: 0, outputs: 1, loss: 'logistic' as const };
  const net = await trainDenseNet({ ...spec, epochs: 300, learningRate: 0.05, l2: 1e-3, batch: 256, seed }, new Step({}));
  return { format: VERIFIER_FORMAT, features: [...ANSWER_FEATURES], mean, scale, weights: [...net.w2], bias: net.b2[0]! };
}

/** The verifier's chance in [0,1] that `answer` is right for `query`. */
export function verifyAnswer(v: Verifier, query: string, answer: string): number {
  const f = answerFeatures(query, answer);
  let s = v.bias;
  for (let j = 0; j < f.length; j++) s += (v.weights[j]! * (f[j]! - v.mean[j]!)) / v.scale[j]!;
  return sigmoid(s);
}
