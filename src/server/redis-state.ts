// Spend and circuit-breaker state shared by a fleet of gateways through Redis. Each check-and-change is one
// Lua script, which Redis runs alone: a reservation reads every instance's spend and reservations and adds
// its own in one step, so instances cannot pass a budget together; a breaker opened by one instance's
// failures makes every instance skip the provider. Reservations are leases that lapse with their instance;
// spend is each instance's absolute total, rewritten (never added), so nothing counts twice or goes negative.
// When Redis cannot be reached, budgets fail closed (the call is refused) and breakers fail open.
import { Redis } from 'ioredis';
import type { Breaker, CircuitOptions } from '../core/providers/circuit-breaker.ts';
import { ProviderError } from '../core/providers/errors.ts';
import { countableCost, type AttemptOutcome, type OutcomeSink } from '../core/providers/outcome.ts';
import {
  budgetPeriods,
  budgetRefusal,
  checkEstimate,
  type Budget,
  type BudgetGuard,
  type BudgetPeriod,
} from '../core/providers/spending-guard.ts';

/** Spend keys expire this long after their last change (longer than any month). */
const SPENT_TTL_SECONDS = 40 * 86_400;

// Budget scripts. KEYS: the fleet's marker, then for each budget period its spend hash (instance -> USD that
// instance spent, an absolute total it rewrites, so a retried or repeated write never counts twice) and its
// lease set (member `lease-id|usd`, score = expiry in Redis's own clock, so a dead instance's reservations
// lapse). ARGV: instance id, recovery grace ms, spend ttl s, this instance's total for each period, then the
// script's own arguments. A Redis that lost its data (restarted empty: no marker) refuses reservations for the
// grace, in which every live instance's heartbeat puts back its spend and its leases.
const PRELUDE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = (#KEYS - 1) / 2
local recovering = tonumber(redis.call('GET', KEYS[1]) or '-1')
if recovering < 0 then
  recovering = now + tonumber(ARGV[2])
  redis.call('SET', KEYS[1], recovering)
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
for i = 1, n do
  local own = ARGV[3 + i]
  if tonumber(own) > tonumber(redis.call('HGET', KEYS[2 * i], ARGV[1]) or '0') then redis.call('HSET', KEYS[2 * i], ARGV[1], own) end
  redis.call('EXPIRE', KEYS[2 * i], ARGV[3])
  redis.call('ZREMRANGEBYSCORE', KEYS[2 * i + 1], '-inf', now)
end
local function lease(member, ms)
  for i = 1, n do
    redis.call('ZADD', KEYS[2 * i + 1], now + ms, member)
    redis.call('PEXPIRE', KEYS[2 * i + 1], ms)
  end
end
`;

// ARGV after the prelude's: estimate, lease member, lease ms, each period's limit. Returns {0} when reserved,
// {i, spent} when period i's limit refuses it, {-1, ms} while recovering.
const RESERVE = `${PRELUDE}
if now < recovering then return {-1, tostring(recovering - now)} end
local estimate = tonumber(ARGV[4 + n])
for i = 1, n do
  local total = 0
  for _, usd in ipairs(redis.call('HVALS', KEYS[2 * i])) do total = total + tonumber(usd) end
  for _, member in ipairs(redis.call('ZRANGE', KEYS[2 * i + 1], 0, -1)) do total = total + tonumber(string.match(member, '|(.+)$')) end
  if total + estimate > tonumber(ARGV[6 + n + i]) then return {i, tostring(total)} end
end
lease(ARGV[5 + n], tonumber(ARGV[6 + n]))
return {0, '0'}`;

// ARGV after the prelude's: lease ms, then the members of this instance's live leases (renewed, or put back).
// Returns the ms left of a recovery, 0 when none.
const HEARTBEAT = `${PRELUDE}
for j = 5 + n, #ARGV do lease(ARGV[j], tonumber(ARGV[4 + n])) end
return math.max(0, recovering - now)`;

// ARGV after the prelude's: the lease member to remove (its cost is in the spend written just above).
const RELEASE = `${PRELUDE}
for i = 1, n do redis.call('ZREM', KEYS[2 * i + 1], ARGV[4 + n]) end
return 0`;

// KEYS: one breaker hash; ARGV: now, cooldown ms. A trial call whose instance died frees itself after a cooldown.
const ACQUIRE = `
local opened, trial = unpack(redis.call('HMGET', KEYS[1], 'opened', 'trial'))
if not opened then return 1 end
local now = tonumber(ARGV[1])
local cooldown = tonumber(ARGV[2])
if now - tonumber(opened) < cooldown then return 0 end
if trial and now - tonumber(trial) < cooldown then return 0 end
redis.call('HSET', KEYS[1], 'trial', ARGV[1])
return 1`;

// KEYS: one breaker hash; ARGV: now, threshold, ttl ms.
const FAIL = `
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
redis.call('HDEL', KEYS[1], 'trial')
if redis.call('HEXISTS', KEYS[1], 'opened') == 1 or failures >= tonumber(ARGV[2]) then redis.call('HSET', KEYS[1], 'opened', ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return failures`;

type Scripted = Redis & {
  reserveBudget(...args: (string | number)[]): Promise<[number, string]>;
  heartbeatBudget(...args: (string | number)[]): Promise<number>;
  releaseBudget(...args: (string | number)[]): Promise<number>;
  acquireCircuit(key: string, now: number, cooldownMs: number): Promise<number>;
  failCircuit(key: string, now: number, threshold: number, ttlMs: number): Promise<number>;
};

/** One connection to the fleet's Redis with the gateway's scripts; `prefix` keeps fleets (and tests) apart. */
export class SharedState {
  readonly redis: Scripted;

  /** Where Redis is, without any password the URL holds (for messages). */
  readonly where: string;

  constructor(
    url: string,
    readonly prefix = 'llmrouter:',
  ) {
    this.where = new URL(url).host;
    const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    redis.on('error', () => {}); // each command reports its own failure
    redis.defineCommand('reserveBudget', { lua: RESERVE });
    redis.defineCommand('heartbeatBudget', { lua: HEARTBEAT });
    redis.defineCommand('releaseBudget', { lua: RELEASE });
    redis.defineCommand('acquireCircuit', { numberOfKeys: 1, lua: ACQUIRE });
    redis.defineCommand('failCircuit', { numberOfKeys: 1, lua: FAIL });
    this.redis = redis as Scripted;
  }

  /** Resolves once Redis answers; a gateway checks this before it starts serving. */
  async ready(): Promise<void> {
    try {
      await this.redis.ping();
    } catch (e) {
      throw new Error(`cannot reach Redis at ${this.where}: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export interface LeaseOptions {
  /** How long a reservation outlives its instance's last heartbeat (a crashed instance's calls free after this). */
  leaseMs: number;
  now?: () => number;
}

/**
 * The budget guard of a fleet: spend and reservations summed over every instance. Reservations are leases an
 * instance renews on a heartbeat (a third of the lease, at most 2 s); the same heartbeat writes the instance's
 * own spend, so what a Redis that restarted empty forgot comes back before it admits a call again.
 */
export class RedisBudgetGuard implements BudgetGuard, OutcomeSink {
  private readonly instance = crypto.randomUUID();
  /** This instance's spend, by period key (day and month), since it started. */
  private readonly own = new Map<string, number>();
  /** Members (`id|usd`) of this instance's reservations in flight. */
  private readonly live = new Set<string>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly now: () => number;
  private leases = 0;

  constructor(
    private readonly state: SharedState,
    public budget: Budget,
    private readonly options: LeaseOptions = { leaseMs: 30_000 },
  ) {
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => void this.heartbeat().catch(() => {}), this.heartbeatMs);
    this.timer.unref();
  }

  private get heartbeatMs(): number {
    return Math.min(2000, Math.floor(this.options.leaseMs / 3));
  }

  /** How long a Redis found empty refuses reservations: three heartbeats, so every live instance has written. */
  private get graceMs(): number {
    return 3 * this.heartbeatMs;
  }

  /** Keys and arguments every budget script starts with, for the budget periods in force. */
  private head(periods: BudgetPeriod[]): (string | number)[] {
    const keys = [
      `${this.state.prefix}budget-marker`,
      ...periods.flatMap((p) => [`${this.state.prefix}spent:${p.key}`, `${this.state.prefix}leases:${p.key}`]),
    ];
    return [keys.length, ...keys, this.instance, this.graceMs, SPENT_TTL_SECONDS, ...periods.map((p) => String(this.own.get(p.key) ?? 0))];
  }

  private periods(): BudgetPeriod[] {
    return budgetPeriods(this.budget, this.now());
  }

  get limited(): boolean {
    return this.budget.dailyUsd !== undefined || this.budget.monthlyUsd !== undefined;
  }

  async reserve(estimateUsd: number): Promise<() => Promise<void>> {
    const periods = this.periods();
    if (periods.length === 0) return async () => {};
    checkEstimate(estimateUsd);
    const member = `${this.instance}:${++this.leases}|${estimateUsd}`;
    let refused: number;
    let figure: string;
    try {
      [refused, figure] = await this.state.redis.reserveBudget(
        ...this.head(periods),
        estimateUsd,
        member,
        this.options.leaseMs,
        ...periods.map((p) => p.limit),
      );
    } catch (e) {
      throw new ProviderError(
        'budget',
        `refused: the shared budget (Redis at ${this.state.where}) cannot be checked: ${(e as Error).message}`,
      );
    }
    if (refused < 0)
      throw new ProviderError('budget', `refused: the shared budget is being rebuilt after Redis lost its data (${figure} ms left)`, {
        retryAfterMs: Number(figure),
      });
    if (refused > 0) throw budgetRefusal(periods[refused - 1]!, Number(figure), estimateUsd);
    this.live.add(member);
    return async () => {
      if (!this.live.delete(member)) return;
      // A release Redis cannot take is harmless: the lease lapses, and the next heartbeat writes the spend.
      await this.state.redis.releaseBudget(...this.head(periods), member);
    };
  }

  /** Adds an attempt's cost to this instance's totals; Redis gets them with the next script. */
  record(outcome: AttemptOutcome): void {
    const cost = countableCost(outcome.cost);
    if (cost === 0) return;
    for (const p of budgetPeriods({ dailyUsd: 0, monthlyUsd: 0 }, outcome.at)) this.own.set(p.key, (this.own.get(p.key) ?? 0) + cost);
  }

  /** Renews this instance's leases and writes its spend; resolves to the ms left of a recovery (0: none). */
  async heartbeat(): Promise<number> {
    const periods = this.periods();
    if (periods.length === 0) return 0;
    return this.state.redis.heartbeatBudget(...this.head(periods), this.options.leaseMs, ...this.live);
  }

  /** Resolves once Redis admits reservations (waiting out a recovery, as on a fleet's first start). */
  async ready(): Promise<void> {
    for (let left = await this.heartbeat(); left > 0; left = await this.heartbeat()) await new Promise((r) => setTimeout(r, left));
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/** The circuit breaker of a fleet: failures counted over every instance, one trial call fleet-wide. */
export class RedisBreaker implements Breaker {
  private readonly now: () => number;

  constructor(
    private readonly state: SharedState,
    private readonly options: CircuitOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  private key(provider: string): string {
    return `${this.state.prefix}circuit:${provider}`;
  }

  async tryAcquire(provider: string): Promise<boolean> {
    return failOpen(
      async () => (await this.state.redis.acquireCircuit(this.key(provider), this.now(), this.options.cooldownMs)) === 1,
      true,
    );
  }

  async success(provider: string): Promise<void> {
    await failOpen(() => this.state.redis.del(this.key(provider)), 0);
  }

  async failure(provider: string): Promise<void> {
    await failOpen(
      () =>
        this.state.redis.failCircuit(
          this.key(provider),
          this.now(),
          this.options.threshold,
          Math.max(this.options.cooldownMs * 10, 3_600_000),
        ),
      0,
    );
  }

  async release(provider: string): Promise<void> {
    await failOpen(() => this.state.redis.hdel(this.key(provider), 'trial'), 0);
  }
}

/** A step that cannot reach Redis gives `fallback` (a breaker lets calls through; the budget still guards spending). */
async function failOpen<T>(step: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await step();
  } catch {
    return fallback;
  }
}
