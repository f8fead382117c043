// Spend and circuit-breaker state shared by a fleet of gateways through Redis. Each check-and-change is one
// Lua script, which Redis runs alone: a reservation reads every instance's spend and reservations and adds
// its own in one step, so instances cannot pass a budget together; a breaker opened by one instance's
// failures makes every instance skip the provider. Day and month keys expire on their own. When Redis cannot
// be reached, budgets fail closed (the call is refused) and breakers fail open (the call goes out).
import { Redis } from 'ioredis';
import type { Breaker, CircuitOptions } from '../core/providers/circuit-breaker.ts';
import { ProviderError } from '../core/providers/errors.ts';
import { countableCost, type AttemptOutcome, type OutcomeSink } from '../core/providers/outcome.ts';
import { budgetPeriods, budgetRefusal, checkEstimate, type Budget, type BudgetGuard } from '../core/providers/spending-guard.ts';

/** Spend and reservation keys expire this long after their last change (longer than any month). */
const TTL_SECONDS = 40 * 86_400;

// KEYS: spent and reserved key of each period; ARGV: estimate, ttl, then each period's limit.
const RESERVE = `
local estimate = tonumber(ARGV[1])
for i = 1, #KEYS / 2 do
  local spent = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0') + tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  if spent + estimate > tonumber(ARGV[2 + i]) then return {i, tostring(spent)} end
end
for i = 1, #KEYS / 2 do
  redis.call('INCRBYFLOAT', KEYS[2 * i], ARGV[1])
  redis.call('EXPIRE', KEYS[2 * i], ARGV[2])
end
return {0, '0'}`;

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
  acquireCircuit(key: string, now: number, cooldownMs: number): Promise<number>;
  failCircuit(key: string, now: number, threshold: number, ttlMs: number): Promise<number>;
};

/** One connection to the fleet's Redis with the gateway's scripts; `prefix` keeps fleets (and tests) apart. */
export class SharedState {
  readonly redis: Scripted;

  /** Where Redis is, without any password the URL holds (for messages). */
  readonly where: string;

  constructor(url: string, readonly prefix = 'llmrouter:') {
    this.where = new URL(url).host;
    const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    redis.on('error', () => {}); // each command reports its own failure
    redis.defineCommand('reserveBudget', { lua: RESERVE });
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

/** Keys of what was spent (`spent`) and is reserved by calls in flight (`reserved`) in one day or month. */
const spendKey = (state: SharedState, what: 'spent' | 'reserved', period: string) => `${state.prefix}${what}:${period}`;

/** The budget guard of a fleet: reservations and spend summed over every instance. */
export class RedisBudgetGuard implements BudgetGuard {
  constructor(
    private readonly state: SharedState,
    public budget: Budget,
    private readonly now: () => number = Date.now,
  ) {}

  async reserve(estimateUsd: number): Promise<() => Promise<void>> {
    const periods = budgetPeriods(this.budget, this.now());
    if (periods.length === 0) return async () => {};
    checkEstimate(estimateUsd);
    const keys = periods.flatMap((p) => [spendKey(this.state, 'spent', p.key), spendKey(this.state, 'reserved', p.key)]);
    let refused: number;
    let spent: string;
    try {
      [refused, spent] = await this.state.redis.reserveBudget(keys.length, ...keys, estimateUsd, TTL_SECONDS, ...periods.map((p) => p.limit));
    } catch (e) {
      throw new ProviderError('budget', `refused: the shared budget (Redis at ${this.state.where}) cannot be checked: ${(e as Error).message}`);
    }
    if (refused > 0) throw budgetRefusal(periods[refused - 1]!, Number(spent), estimateUsd);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const pipeline = this.state.redis.pipeline();
      for (const p of periods) pipeline.incrbyfloat(spendKey(this.state, 'reserved', p.key), -estimateUsd);
      await pipeline.exec();
    };
  }
}

/** Adds each attempt's cost to the fleet's day and month totals (a spend Redis cannot take is dropped: the call already happened). */
export function redisSpendSink(state: SharedState): OutcomeSink {
  return {
    async record(outcome: AttemptOutcome) {
      const cost = countableCost(outcome.cost);
      if (cost === 0) return;
      const pipeline = state.redis.pipeline();
      for (const p of budgetPeriods({ dailyUsd: 0, monthlyUsd: 0 }, outcome.at)) {
        pipeline.incrbyfloat(spendKey(state, 'spent', p.key), cost);
        pipeline.expire(spendKey(state, 'spent', p.key), TTL_SECONDS);
      }
      await failOpen(() => pipeline.exec(), null);
    },
  };
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
    return failOpen(async () => (await this.state.redis.acquireCircuit(this.key(provider), this.now(), this.options.cooldownMs)) === 1, true);
  }

  async success(provider: string): Promise<void> {
    await failOpen(() => this.state.redis.del(this.key(provider)), 0);
  }

  async failure(provider: string): Promise<void> {
    await failOpen(() => this.state.redis.failCircuit(this.key(provider), this.now(), this.options.threshold, Math.max(this.options.cooldownMs * 10, 3_600_000)), 0);
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
