// The local learning log's record: what happened on one routed call, and what the user said about it.
// It lives in the `outcomes` store beside the provider layer's per-attempt records (same `callId`), which
// carry each attempt's cost for the spending ledger; so this record names its cost `answerCost` and is
// never summed twice.

/** One step of the fallback path: a model tried and how it went. */
export interface PathStep {
  model: string;
  /** 'ok', or the provider error kind (rate_limit, server, timeout, ...). */
  kind: string;
  error?: string;
  latencyMs: number;
}

export interface Feedback {
  thumbs?: 'up' | 'down';
  /** 1 (bad) to 5 (excellent). */
  rating?: number;
  /** The user asked another model for this answer instead: an implicit "not good enough". */
  regeneratedWith?: string;
}

export interface OutcomeRecord {
  id: string;
  type: 'routed-call';
  /** Shared with the call's per-attempt records. */
  callId: string;
  /** Epoch milliseconds of the call. */
  at: number;
  query: string;
  /** Earlier user turns the router saw, oldest first. */
  context?: string[];
  /** The query vector the router used (plain numbers, so the log exports as JSON). */
  embedding?: number[];
  router: string;
  /** The first model of the chain: the router's pick, or the user's when `forced`. */
  chosen: string;
  forced?: boolean;
  /** Every attempt in order: the fallback path. */
  path: PathStep[];
  answeredBy?: string;
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  /** USD of the answering model's call (what that answer cost). */
  answerCost: number;
  error?: string;
  feedback?: Feedback;
}

export function isOutcomeRecord(value: { type?: unknown }): value is OutcomeRecord {
  return value.type === 'routed-call';
}

/** The quality a user's feedback says an answer had, in [0,1]; undefined when there is no feedback yet. */
export function feedbackScore(feedback: Feedback | undefined): number | undefined {
  if (!feedback) return undefined;
  if (feedback.rating !== undefined) return (Math.min(5, Math.max(1, feedback.rating)) - 1) / 4;
  if (feedback.thumbs) return feedback.thumbs === 'up' ? 1 : 0;
  if (feedback.regeneratedWith) return 0;
  return undefined;
}
