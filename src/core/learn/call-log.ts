// Reads a log of routed calls, whichever wrote it: the gateway's JSONL (`routed-call` records, `feedback` lines
// from POST /v1/feedback merged into their call, provider `attempt` lines skipped), the app's learning-log
// export (the same records, one a line, or a JSON array), or an app backup (its `outcomes` store). Every
// record is validated; a bad one is named by file, line and field, and nothing is half-read.
import { z } from 'zod';
import { DataError, validate, type Where } from '../data/data-error.ts';
import { readJsonArray, readJsonLines, type JsonRecord } from '../data/json-records.ts';
import type { Feedback, OutcomeRecord } from './outcome.ts';

const feedbackSchema = z.object({
  thumbs: z.enum(['up', 'down']).optional(),
  rating: z.number().min(1).max(5).optional(),
  regeneratedWith: z.string().optional(),
  preferredOver: z.string().optional(),
});

const usd = z.number().min(0);

export const routedCallSchema = z.object({
  id: z.string().min(1),
  type: z.literal('routed-call'),
  callId: z.string().min(1),
  at: z.number(),
  query: z.string(),
  context: z.array(z.string()).optional(),
  embedding: z.array(z.number()).optional(),
  router: z.string(),
  chosen: z.string(),
  forced: z.boolean().optional(),
  path: z.array(
    z.object({ model: z.string(), kind: z.string(), error: z.string().optional(), latencyMs: z.number(), cost: usd.optional() }),
  ),
  mode: z.string().optional(),
  lambda: z.number().optional(),
  premium: z.object({ model: z.string(), cost: usd, estimated: z.boolean().optional() }).optional(),
  answeredBy: z.string().optional(),
  latency_ms: z.number().min(0),
  input_tokens: z.number().int().min(0),
  output_tokens: z.number().int().min(0),
  answerCost: usd,
  error: z.string().optional(),
  feedback: feedbackSchema.optional(),
});

const feedbackLineSchema = z.object({ type: z.literal('feedback'), callId: z.string().min(1), feedback: feedbackSchema });

/** The record types a call log holds. */
export const CALL_LOG_TYPES = ['routed-call', 'attempt', 'feedback'];

const BACKUP_FORMAT = 'llmrouter-web/backup';

/** The routed calls of a log, oldest first, each with the feedback given on it. */
export function readCallLog(text: string, file: string): OutcomeRecord[] {
  const calls: OutcomeRecord[] = [];
  const feedback = new Map<string, Feedback>();
  for (const { value, where } of entries(text, file)) {
    const type = (value as { type?: unknown } | null)?.type;
    if (type === 'routed-call') calls.push(validate(routedCallSchema, value, where) as OutcomeRecord);
    else if (type === 'feedback') {
      const given = validate(feedbackLineSchema, value, where);
      feedback.set(given.callId, { ...feedback.get(given.callId), ...given.feedback });
    } else if (type !== 'attempt')
      throw new DataError(
        { ...where, field: [where.field, 'type'].filter(Boolean).join('.') },
        `expected one of ${CALL_LOG_TYPES.join(', ')}, got ${JSON.stringify(type)}`,
      );
  }
  return calls
    .map((c) => (feedback.has(c.callId) ? { ...c, feedback: { ...c.feedback, ...feedback.get(c.callId) } } : c))
    .sort((a, b) => a.at - b.at);
}

/** Each record of the file with where it is: a line of JSONL, an item of a JSON array, or an entry of a backup's outcomes. */
function entries(text: string, file: string): { value: unknown; where: Where }[] {
  if (text.trimStart().startsWith('[')) return readJsonArray(text, file).map(atLine(file));
  const backup = backupOf(text);
  if (!backup) return readJsonLines(text, file).map(atLine(file));
  const outcomes = backup.stores?.outcomes ?? [];
  if (!Array.isArray(outcomes))
    throw new DataError(
      { file, field: 'stores.outcomes' },
      `expected the ${BACKUP_FORMAT} document's outcomes store as [key, record] pairs`,
    );
  return outcomes
    .map((entry, i) => ({ value: Array.isArray(entry) ? entry[1] : entry, where: { file, field: `stores.outcomes.${i}` } }))
    .filter((e) => !isAttempt(e.value));
}

/** The text as an app backup document, or undefined when it is not one (JSON Lines do not parse whole). */
function backupOf(text: string): { stores?: { outcomes?: unknown } } | undefined {
  try {
    const doc = JSON.parse(text) as { format?: unknown; stores?: { outcomes?: unknown } } | null;
    return doc?.format === BACKUP_FORMAT ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** The provider layer's attempt records sit untyped beside routed calls in the app's outcomes store. */
function isAttempt(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !('type' in value) && 'attempt' in value;
}

const atLine = (file: string) => (r: JsonRecord) => ({ value: r.value, where: { file, line: r.line } });
