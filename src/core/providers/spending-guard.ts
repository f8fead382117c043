// Daily and monthly budgets in USD (local calendar days and months): a call is refused before it goes out
// when its estimated cost would pass either; spending is read from the outcome log, plus the estimates of
// calls still in flight so parallel calls cannot overshoot together.
import { ProviderError } from './errors.ts';
import type { SpendLedger } from './outcome.ts';

export interface Budget {
  dailyUsd?: number;
  monthlyUsd?: number;
}

export class SpendingGuard {
  private reserved = 0;

  constructor(
    public budget: Budget,
    private readonly ledger: SpendLedger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves `estimateUsd` or throws a `budget` error; call the returned release once the call is recorded. */
  async reserve(estimateUsd: number): Promise<() => void> {
    const now = new Date(this.now());
    const periods: [string, number | undefined, number][] = [
      ['daily', this.budget.dailyUsd, new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime()],
      ['monthly', this.budget.monthlyUsd, new Date(now.getFullYear(), now.getMonth(), 1).getTime()],
    ];
    for (const [name, limit, from] of periods) {
      if (limit === undefined) continue;
      const spent = (await this.ledger.spent(from, now.getTime() + 1)) + this.reserved;
      if (spent + estimateUsd > limit) {
        throw new ProviderError('budget', `refused: this call (about $${estimateUsd.toFixed(4)}) would pass the ${name} budget ($${spent.toFixed(4)} of $${limit.toFixed(2)} spent)`);
      }
    }
    this.reserved += estimateUsd;
    let released = false;
    return () => {
      if (!released) this.reserved -= estimateUsd;
      released = true;
    };
  }
}
