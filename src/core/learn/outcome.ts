// The local learning log's record: what happened on one routed call, and what the user said about it.
// Its `cost` is the whole call's (failed attempts included), so the log is also the spending ledger.
import type { AttemptOutcome } from '../providers/outcome.ts';

export interface Feedback {
  thumbs?: 'up' | 'down';
  /** 1 (bad) to 5 (excellent). */
  rating?: number;
  /** The user asked another model for this answer instead: an implicit "not good enough". */
  regeneratedWith?: string;
}

export interface OutcomeRecord {
  id: string;
  /** Epoch milliseconds of the call. */
  at: number;
  query: string;
  /** Earlier user turns the router saw, oldest first. */
  context?: string[];
  /** The query embedding the router used (plain numbers, so the log exports as JSON). */
  embedding?: number[];
  router: string;
  /** The first model of the chain: the router's pick, or the user's when `forced`. */
  chosen: string;
  forced?: boolean;
  /** Every provider attempt, in order (the fallback path). */
  attempts: AttemptOutcome[];
  answeredBy?: string;
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  /** USD of the whole call, every attempt included. */
  cost: number;
  error?: string;
  feedback?: Feedback;
}

/** The quality a user's feedback says an answer had, in [0,1]; undefined when there is no feedback yet. */
export function feedbackScore(feedback: Feedback | undefined): number | undefined {
  if (!feedback) return undefined;
  if (feedback.rating !== undefined) return (Math.min(5, Math.max(1, feedback.rating)) - 1) / 4;
  if (feedback.thumbs) return feedback.thumbs === 'up' ? 1 : 0;
  if (feedback.regeneratedWith) return 0;
  return undefined;
}
