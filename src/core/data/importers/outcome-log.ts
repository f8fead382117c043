// An outcome log as a dataset: the gateway's JSONL (and any log of the learning log's records), where
// `routed-call` records say what was asked and which model answered, `feedback` records (POST /v1/feedback)
// say how good the answer was, and `attempt` records (the provider layer's) are skipped. Calls with feedback
// become native samples the way the app's learning loop makes them (learn/to-samples.ts); the rest teach
// nothing yet, and a log with no feedback at all is refused saying so.
import { z } from 'zod';
import { DataError, validate } from '../data-error.ts';
import { readJsonLines } from '../json-records.ts';
import type { RoutingSample } from '../sample.ts';
import { logToSamples } from '../../learn/to-samples.ts';
import type { Feedback, OutcomeRecord } from '../../learn/outcome.ts';

const feedbackSchema = z.object({
  thumbs: z.enum(['up', 'down']).optional(),
  rating: z.number().min(1).max(5).optional(),
  regeneratedWith: z.string().optional(),
});

const routedCallSchema = z.object({
  id: z.string().min(1),
  type: z.literal('routed-call'),
  callId: z.string().min(1),
  at: z.number(),
  query: z.string(),
  context: z.array(z.string()).optional(),
  router: z.string(),
  chosen: z.string(),
  path: z.array(z.object({ model: z.string(), kind: z.string(), latencyMs: z.number() })),
  answeredBy: z.string().optional(),
  latency_ms: z.number().min(0),
  input_tokens: z.number().int().min(0),
  output_tokens: z.number().int().min(0),
  answerCost: z.number().min(0),
  error: z.string().optional(),
  feedback: feedbackSchema.optional(),
});

const feedbackLineSchema = z.object({ type: z.literal('feedback'), callId: z.string().min(1), feedback: feedbackSchema });

/** The record types an outcome log holds, for format detection. */
export const OUTCOME_LOG_TYPES = ['routed-call', 'attempt', 'feedback'];

export function importOutcomeLog(text: string, file: string): RoutingSample[] {
  const calls: OutcomeRecord[] = [];
  const feedback = new Map<string, Feedback>();
  for (const { line, value } of readJsonLines(text, file)) {
    const type = (value as { type?: unknown } | null)?.type;
    if (type === 'routed-call') calls.push(validate(routedCallSchema, value, { file, line }) as OutcomeRecord);
    else if (type === 'feedback') {
      const given = validate(feedbackLineSchema, value, { file, line });
      feedback.set(given.callId, { ...feedback.get(given.callId), ...given.feedback });
    } else if (type !== 'attempt') throw new DataError({ file, line, field: 'type' }, `expected one of ${OUTCOME_LOG_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  }
  const rated = calls.map((c) => (feedback.has(c.callId) ? { ...c, feedback: { ...c.feedback, ...feedback.get(c.callId) } } : c));
  const { samples } = logToSamples(rated);
  if (samples.length === 0) throw new DataError({ file }, `none of its ${calls.length} routed calls has feedback yet (rate answers with POST /v1/feedback)`);
  return samples;
}
