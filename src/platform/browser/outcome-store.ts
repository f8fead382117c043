// Attempt outcomes in IndexedDB's `outcomes` store: the sink routed calls write to, and the spending
// guard's ledger (costs summed over the `at` index).
import { countableCost, type AttemptOutcome, type OutcomeSink, type SpendLedger } from '../../core/providers/outcome.ts';
import { appDB } from './db.ts';

export const idbOutcomes: OutcomeSink & SpendLedger = {
  async record(outcome: AttemptOutcome) {
    await (await appDB()).put('outcomes', { ...outcome });
  },
  async spent(from: number, to: number) {
    const rows = await (await appDB()).getAllFromIndex('outcomes', 'at', IDBKeyRange.bound(from, to, false, true));
    return rows.reduce((sum, row) => sum + countableCost(row.cost), 0);
  },
};
