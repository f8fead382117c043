// Daily and monthly budgets in USD (local calendar days and months): a call is refused before it goes out
// when its estimated cost would pass either; spending is read from the outcome log, plus the estimates of
// calls still in flight. Reservations are atomic: each one's check-and-reserve runs alone, after the one
// before it, so parallel calls see each other's reservations and cannot overshoot together.
import { ProviderError } from './errors.ts';
import { countableCost, type SpendLedger } from './outcome.ts';

export interface Budget {
  dailyUsd?: number;
  monthlyUsd?: number;
}

/** What the routed caller needs of a budget: reserve an estimate, or refuse with a `budget` error. */
export interface BudgetGuard {
  /** Whether any budget is in force (a call with no budget need not be streamed to be stopped at its cap). */
  readonly limited: boolean;
  /** Reserves `estimateUsd` or throws a `budget` error; call the returned release once the call is recorded. */
  reserve(estimateUsd: number): Promise<() => void | Promise<void>>;
}

/** One budget period in force now: its name, limit, start (epoch ms) and a key naming the day or month. */
export interface BudgetPeriod {
  name: 'daily' | 'monthly';
  limit: number;
  from: number;
  key: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The periods of `budget` that have a limit, for the local day and month of `nowMs`. */
export function budgetPeriods(budget: Budget, nowMs: number): BudgetPeriod[] {
  const now = new Date(nowMs);
  const month = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
  const periods: (BudgetPeriod | undefined)[] = [
    budget.dailyUsd === undefined
      ? undefined
      : {
          name: 'daily',
          limit: budget.dailyUsd,
          from: new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime(),
          key: `${month}-${pad(now.getDate())}`,
        },
    budget.monthlyUsd === undefined
      ? undefined
      : { name: 'monthly', limit: budget.monthlyUsd, from: new Date(now.getFullYear(), now.getMonth(), 1).getTime(), key: month },
  ];
  return periods.filter((p): p is BudgetPeriod => p !== undefined);
}

/** The refusal of a call that would pass a period's budget. */
export function budgetRefusal(period: Pick<BudgetPeriod, 'name' | 'limit'>, spentUsd: number, estimateUsd: number): ProviderError {
  return new ProviderError(
    'budget',
    `refused: this call (about $${estimateUsd.toFixed(4)}) would pass the ` +
      `${period.name} budget ($${spentUsd.toFixed(4)} of $${period.limit.toFixed(2)} spent)`,
  );
}

/** Refuses an estimate no budget can count (NaN passes every `>` test; a negative one would lower what is reserved). */
export function checkEstimate(estimateUsd: number): void {
  if (countableCost(estimateUsd) !== estimateUsd) {
    throw new ProviderError(
      'budget',
      `refused: this call's cost estimate (${estimateUsd}) is not a finite amount of at least $0, so no budget can count it`,
    );
  }
}

export class SpendingGuard implements BudgetGuard {
  private reserved = 0;
  /** The reservation in progress: the next one starts when it settles. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    public budget: Budget,
    private readonly ledger: SpendLedger,
    private readonly now: () => number = Date.now,
  ) {}

  get limited(): boolean {
    return this.budget.dailyUsd !== undefined || this.budget.monthlyUsd !== undefined;
  }

  reserve(estimateUsd: number): Promise<() => void> {
    const turn = this.queue.then(() => this.checkAndReserve(estimateUsd));
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async checkAndReserve(estimateUsd: number): Promise<() => void> {
    const nowMs = this.now();
    const periods = budgetPeriods(this.budget, nowMs);
    if (periods.length > 0) checkEstimate(estimateUsd);
    for (const period of periods) {
      // A ledger that sums a poisoned record (NaN, a negative total) counts nothing rather than everything or less than nothing.
      const spent = countableCost(await this.ledger.spent(period.from, nowMs + 1)) + this.reserved;
      if (spent + estimateUsd > period.limit) throw budgetRefusal(period, spent, estimateUsd);
    }
    this.reserved += estimateUsd;
    let released = false;
    return () => {
      if (!released) this.reserved -= estimateUsd;
      released = true;
    };
  }
}
