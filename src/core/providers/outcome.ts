// Every provider attempt as a record (model, error kind, latency, tokens, cost), and where records go: a
// sink the app backs with IndexedDB and the CLI with JSONL. The records also are the spending ledger.
import type { ErrorKind } from './errors.ts';

export interface AttemptOutcome {
  id: string;
  /** Epoch ms when the attempt started. */
  at: number;
  /** Shared by every attempt of one routed call. */
  callId: string;
  model: string;
  provider: string;
  /** 1 for the first attempt of the call. */
  attempt: number;
  kind: 'ok' | ErrorKind;
  /** The error's message (never holds a key). */
  error?: string;
  latencyMs: number;
  firstTokenMs?: number;
  inputTokens: number;
  outputTokens: number;
  usageEstimated: boolean;
  /** USD, from the catalog's prices; what a failed stream had produced is counted too. */
  cost: number;
  /** True when this attempt continued an answer another model had begun. */
  resumed: boolean;
}

export interface OutcomeSink {
  record(outcome: AttemptOutcome): void | Promise<void>;
}

/** A cost a budget may count: a finite USD amount >= 0. Anything else (a restored record claiming -1000, NaN or Infinity)
 * counts as nothing, so no record can cancel or poison a budget. */
export function countableCost(cost: unknown): number {
  return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : 0;
}

/** What was spent between two instants, for the spending guard. */
export interface SpendLedger {
  spent(from: number, to: number): Promise<number>;
}

/** Outcomes kept in memory: for tests, the CLI's session, and as a ledger. */
export class MemoryOutcomeLog implements OutcomeSink, SpendLedger {
  readonly outcomes: AttemptOutcome[] = [];

  record(outcome: AttemptOutcome): void {
    this.outcomes.push(outcome);
  }

  async spent(from: number, to: number): Promise<number> {
    return this.outcomes.filter((o) => o.at >= from && o.at < to).reduce((sum, o) => sum + countableCost(o.cost), 0);
  }
}
