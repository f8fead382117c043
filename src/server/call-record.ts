// The routed-call record the gateway logs beside each call's attempts: the learning log's record
// (core/learn/outcome.ts), so the gateway's traffic reads like the app's: each attempt with its cost, and the
// premium alternative priced with the tokens the call used (what GET /v1/usage and `llmrouter report` sum).
import type { CatalogModel } from '../core/catalog/model.ts';
import type { OutcomeRecord } from '../core/learn/outcome.ts';
import { pathStep, premiumAlternative } from '../core/learn/premium.ts';
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
  /** The cost knob and the premium model of a routed call's decision (absent for a call naming a model). */
  lambda?: number;
  premium?: CatalogModel;
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
    ...(call.lambda !== undefined ? { lambda: call.lambda } : {}),
    path: result.outcomes.map(pathStep),
    ...(call.premium ? { premium: premiumAlternative(call.premium, result.outcomes) } : {}),
    ...(answered ? { answeredBy: answered.model } : {}),
    latency_ms: Date.now() - call.startedAt,
    input_tokens: answered?.inputTokens ?? 0,
    output_tokens: answered?.outputTokens ?? 0,
    answerCost: answered?.cost ?? 0,
    ...(result.error ? { error: result.error.message } : {}),
  };
}
