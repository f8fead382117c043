// The learning-log record of one answered message, for a single routed call and for a multi-call mode alike:
// every attempt with its cost (the path), the knob it was routed at, and the premium alternative priced with the
// tokens used (core/learn/premium.ts), so Insights, the top bar and `llmrouter report` read the same spend.
import type { OutcomeRecord, PremiumAlternative } from '../../core/learn/outcome.ts';
import { pathStep } from '../../core/learn/premium.ts';
import type { AttemptOutcome } from '../../core/providers/outcome.ts';
import { newId } from '../stores/conversations.ts';

export interface LoggedCall {
  query: string;
  /** Earlier user turns the router read, and the vector it read. */
  context: string[];
  embedding?: Float32Array;
  router: string;
  chosen: string;
  forced?: boolean;
  /** The multi-call mode that answered; absent for a single routed call. */
  mode?: string;
  lambda: number;
  /** Every provider attempt made for the message, in order. */
  outcomes: readonly AttemptOutcome[];
  /** The model that wrote the final answer (default: the last attempt that succeeded). */
  answeredBy?: string;
  premium?: PremiumAlternative;
  error?: string;
  /** The model whose answer the user regenerated away from to get this one. */
  preferredOver?: string;
}

export function outcomeRecord(c: LoggedCall): OutcomeRecord {
  const answeredBy = c.answeredBy ?? c.outcomes.filter((o) => o.kind === 'ok').at(-1)?.model;
  const answer = c.outcomes.filter((o) => o.kind === 'ok' && o.model === answeredBy).at(-1);
  return {
    id: newId(),
    type: 'routed-call',
    callId: c.outcomes[0]?.callId ?? newId(),
    at: Date.now(),
    query: c.query,
    ...(c.context.length ? { context: c.context } : {}),
    ...(c.embedding ? { embedding: Array.from(c.embedding) } : {}),
    router: c.router,
    chosen: c.chosen,
    ...(c.forced ? { forced: true } : {}),
    ...(c.mode ? { mode: c.mode } : {}),
    lambda: c.lambda,
    path: c.outcomes.map(pathStep),
    ...(answeredBy ? { answeredBy } : {}),
    ...(c.premium ? { premium: c.premium } : {}),
    latency_ms: c.outcomes.reduce((s, o) => s + o.latencyMs, 0),
    input_tokens: answer?.inputTokens ?? 0,
    output_tokens: answer?.outputTokens ?? 0,
    answerCost: answer?.cost ?? 0,
    ...(c.error ? { error: c.error } : {}),
    ...(c.preferredOver ? { feedback: { preferredOver: c.preferredOver } } : {}),
  };
}
