// Attacks on the budget: records restored from a backup or left in storage that claim a negative, NaN or infinite
// cost, and estimates that are not numbers, never lower what a budget counts nor let a call past it.
import { describe, expect, it } from 'vitest';
import { MemoryOutcomeLog, type SpendLedger } from './outcome.ts';
import { SpendingGuard } from './spending-guard.ts';
import { SpendCounters } from '../../server/spend-counters.ts';
import { spentAttempt } from '../../../test/helpers/spent-attempt.ts';

const at = Date.now();

/** A ledger holding $0.009 of real spending beside the poisoned records given. */
function poisonedLog(...costs: number[]): MemoryOutcomeLog {
  const log = new MemoryOutcomeLog();
  log.record(spentAttempt(0.009, { id: 'real', at }));
  costs.forEach((cost, i) => log.record(spentAttempt(cost, { id: `poison-${i}`, at })));
  return log;
}

describe('the spending guard against poisoned costs', () => {
  it('a record costing -1000 does not cancel the daily budget', async () => {
    const guard = new SpendingGuard({ dailyUsd: 0.01 }, poisonedLog(-1000));
    await expect(guard.reserve(0.002)).rejects.toThrow(/daily budget/);
  });

  it('NaN and Infinity records count nothing, rather than everything or nothing at all', async () => {
    for (const cost of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const log = poisonedLog(cost);
      expect(await log.spent(0, at + 1)).toBeCloseTo(0.009, 12);
      const guard = new SpendingGuard({ dailyUsd: 0.01 }, log);
      await expect(guard.reserve(0.002)).rejects.toThrow(/daily budget/);
      const release = await guard.reserve(0.0005);
      release();
    }
  });

  it('a ledger whose total is NaN or negative is read as $0 spent, never as room for any call', async () => {
    for (const total of [Number.NaN, -1000]) {
      const ledger: SpendLedger = { spent: async () => total };
      const guard = new SpendingGuard({ dailyUsd: 0.01 }, ledger);
      await expect(guard.reserve(0.02)).rejects.toThrow(/daily budget/);
    }
  });

  it('refuses an estimate that is NaN, infinite or negative while a budget is set', async () => {
    const guard = new SpendingGuard({ monthlyUsd: 1 }, new MemoryOutcomeLog());
    for (const estimate of [Number.NaN, Number.POSITIVE_INFINITY, -5]) {
      await expect(guard.reserve(estimate)).rejects.toThrow(/not a finite amount/);
    }
    // A negative estimate would have lowered the reservations of the calls after it.
    await guard.reserve(0.6);
    await expect(guard.reserve(0.6)).rejects.toThrow(/monthly budget/);
  });

  it("the gateway's day counters ignore poisoned costs too", async () => {
    const counters = new SpendCounters();
    for (const cost of [0.5, -1000, Number.NaN, Number.POSITIVE_INFINITY]) counters.record({ at, cost });
    expect(await counters.spent(0, at + 86_400_000)).toBe(0.5);
  });
});
