// The local learning log's record: what happened on one routed call, and what the user said about it.
// It lives in the `outcomes` store beside the provider layer's per-attempt records (same `callId`), which
// carry each attempt's cost for the spending ledger; so this record names its cost `answerCost` and is
// never summed twice.
// Built in one place, core/engine/record.ts, which defines each field.
import type { MultiCallMode } from '../modes/run-mode.ts';
import { rewardOfAll, type Signal } from './reward.ts';

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
  /** This answer is a regeneration the user asked for instead of this model's: an implicit preference. */
  preferredOver?: string;
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
  /** The multi-call mode that answered (absent: one routed call). */
  mode?: MultiCallMode;
  /** Every attempt in order: the fallback path. */
  path: PathStep[];
  answeredBy?: string;
  /** The best-quality model by the router's estimate and its estimated USD: the premium alternative to the pick. */
  premium?: { model: string; cost: number };
  /** Wall-clock milliseconds from the request to the answer's end. */
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  /** USD of the attempts that made the answer (the answering call; every successful call of a mode). */
  answerCost: number;
  error?: string;
  feedback?: Feedback;
}

export function isOutcomeRecord(value: { type?: unknown }): value is OutcomeRecord {
  return value.type === 'routed-call';
}

/** The signals a user's feedback on one answer gives (reward.ts maps them to rewards). */
export function feedbackSignals(feedback: Feedback | undefined): Signal[] {
  if (!feedback) return [];
  const signals: Signal[] = [];
  if (feedback.rating !== undefined) signals.push({ kind: 'rating', value: feedback.rating });
  if (feedback.thumbs) signals.push({ kind: 'thumbs', value: feedback.thumbs });
  if (feedback.regeneratedWith) signals.push({ kind: 'regenerated-away' });
  if (feedback.preferredOver) signals.push({ kind: 'regenerated-to' });
  return signals;
}

/** The quality a user's feedback says an answer had, in [0,1]; undefined when there is no feedback yet. */
export function feedbackScore(feedback: Feedback | undefined): number | undefined {
  return rewardOfAll(feedbackSignals(feedback));
}
