// Spending kept in memory as one total per local day (the gateway without Redis): a ledger for the spending
// guard and a sink for attempt outcomes, of constant size however many calls go through.
import { countableCost, type AttemptOutcome, type OutcomeSink, type SpendLedger } from '../core/providers/outcome.ts';

const KEEP_DAYS = 40;

export class SpendCounters implements OutcomeSink, SpendLedger {
  /** USD spent, by the epoch ms at which its local day starts. */
  private readonly days = new Map<number, number>();

  record(outcome: Pick<AttemptOutcome, 'at' | 'cost'>): void {
    const at = new Date(outcome.at);
    const day = new Date(at.getFullYear(), at.getMonth(), at.getDate()).getTime();
    this.days.set(day, (this.days.get(day) ?? 0) + countableCost(outcome.cost));
    const oldest = day - KEEP_DAYS * 86_400_000;
    for (const d of this.days.keys()) if (d < oldest) this.days.delete(d);
  }

  /** What was spent in the days starting within [from, to): exact for the day and month starts the guard asks for. */
  async spent(from: number, to: number): Promise<number> {
    let sum = 0;
    for (const [day, usd] of this.days) if (day >= from && day < to) sum += usd;
    return sum;
  }
}
