// The one builder of the outcome record (core/learn/outcome.ts) that the app's learning log, `llmrouter chat --log`
// and the gateway's JSONL log keep for every answer. One definition of each field:
// - `at`: when the request reached the engine; `latency_ms`: wall-clock from then to the answer's end (routing,
//   retries, backoff and fallbacks included), not the sum of the attempts' latencies (those are in `path`).
// - `path`: every provider attempt of the answer, in order (a multi-call mode's calls included).
// - `answeredBy`, `input_tokens`, `output_tokens`, `answerCost`: the attempts that made the answer: the last
//   successful one of a single call; every successful call of a multi-call mode (then `answeredBy` wrote the end).
// - `embedding`: the vector the router read (absent for text routers and direct calls). The app keeps it (its
//   online routers and retraining read it); the Node edges' JSONL logs drop it (`loggedRecord`): at ~5 KB a line
//   with the 512-dimension encoder it would be most of the log, and the same encoder gives it back from `query`
//   and `context` (one text per encoder run, so a vector never depends on what else was embedded).
// - `premium`: the model the router rates best in quality, with its estimated cost: what answering without routing
//   would have called (absent for direct calls).
import type { OutcomeRecord } from '../learn/outcome.ts';
import type { ModeResult } from '../modes/mode.ts';
import type { AttemptOutcome } from '../providers/outcome.ts';
import type { Routing } from './types.ts';

export interface RecordInput {
  id: string;
  callId: string;
  /** Epoch ms the request reached the engine, and the answer ended. */
  at: number;
  end: number;
  query: string;
  routing: Routing;
  outcomes: readonly AttemptOutcome[];
  /** The multi-call mode's result, when one answered. */
  mode?: ModeResult;
  error?: string;
}

export function outcomeRecord(input: RecordInput): OutcomeRecord {
  const { routing, outcomes, mode } = input;
  const ok = outcomes.filter((o) => o.kind === 'ok');
  const answering = mode ? ok : ok.slice(-1);
  const answeredBy = mode ? mode.model : answering[0]?.model;
  const routed = routing.routed;
  const sum = (field: 'inputTokens' | 'outputTokens' | 'cost') => answering.reduce((s, o) => s + o[field], 0);
  return {
    id: input.id,
    type: 'routed-call',
    callId: input.callId,
    at: input.at,
    query: input.query,
    ...(routed && routed.contextTurns.length > 0 ? { context: routed.contextTurns } : {}),
    ...(routed?.embedding ? { embedding: Array.from(routed.embedding) } : {}),
    router: routing.router,
    chosen: routing.chain[0]!,
    ...(routing.forced ? { forced: true } : {}),
    ...(mode && mode.mode !== 'single' ? { mode: mode.mode } : {}),
    path: outcomes.map((o) => ({ model: o.model, kind: o.kind, latencyMs: o.latencyMs, ...(o.error ? { error: o.error } : {}) })),
    ...(answeredBy ? { answeredBy } : {}),
    ...(routed ? { premium: { model: routed.premium.model, cost: routed.premium.cost } } : {}),
    latency_ms: input.end - input.at,
    input_tokens: sum('inputTokens'),
    output_tokens: sum('outputTokens'),
    answerCost: sum('cost'),
    ...(input.error ? { error: input.error } : {}),
    ...(routing.forced?.over ? { feedback: { preferredOver: routing.forced.over } } : {}),
  };
}

/** The record as a JSONL log keeps it: without the router's vector. */
export function loggedRecord(record: OutcomeRecord): Omit<OutcomeRecord, 'embedding'> {
  const { embedding: _dropped, ...kept } = record;
  return kept;
}
