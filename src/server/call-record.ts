// The routed-call record the gateway logs beside each call's attempts: the learning log's record
// (core/learn/outcome.ts), so the gateway's traffic reads like the app's.
import type { OutcomeRecord } from '../core/learn/outcome.ts';
import type { RoutedResult } from '../core/providers/routed-call.ts';

export interface CallContext {
  callId: string;
  startedAt: number;
  query: string;
  context: string[];
  /** The router's name, or `direct` for a call naming a model. */
  router: string;
  chosen: string;
  forced: boolean;
}

export function routedCallRecord(call: CallContext, result: RoutedResult): OutcomeRecord {
  const answered = result.outcomes.filter((o) => o.kind === 'ok').at(-1);
  return {
    id: call.callId,
    type: 'routed-call',
    callId: call.callId,
    at: call.startedAt,
    query: call.query,
    ...(call.context.length > 0 ? { context: call.context } : {}),
    router: call.router,
    chosen: call.chosen,
    ...(call.forced ? { forced: true } : {}),
    path: result.outcomes.map((o) => ({ model: o.model, kind: o.kind, ...(o.error ? { error: o.error } : {}), latencyMs: o.latencyMs })),
    ...(answered ? { answeredBy: answered.model } : {}),
    latency_ms: Date.now() - call.startedAt,
    input_tokens: answered?.inputTokens ?? 0,
    output_tokens: answered?.outputTokens ?? 0,
    answerCost: answered?.cost ?? 0,
    ...(result.error ? { error: result.error.message } : {}),
  };
}
