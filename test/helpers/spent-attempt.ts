// An attempt that answered and cost money, as the call log, the spending guards and app backups keep it: for
// tests that start with part of a budget already spent (or a record claiming a poisoned cost).
import type { AttemptOutcome } from '../../src/core/providers/outcome.ts';

/** A successful first attempt (one token each way) that cost `cost` USD just now; `fields` replace any of its fields. */
export function spentAttempt(cost: number, fields: Partial<AttemptOutcome> = {}): AttemptOutcome {
  return {
    id: crypto.randomUUID(),
    at: Date.now(),
    callId: 'c',
    model: 'm',
    provider: 'p',
    attempt: 1,
    kind: 'ok',
    latencyMs: 1,
    inputTokens: 1,
    outputTokens: 1,
    usageEstimated: false,
    cost,
    resumed: false,
    ...fields,
  };
}
