// A fleet sharing one Redis (a real redis-server on a free loopback port): two gateways refuse the call that
// would pass the daily budget, reservations are atomic across connections, and a circuit opened by one
// instance's failures is open for the other.
import type { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-server/server.ts';
import { RedisBreaker, RedisBudgetGuard, SharedState } from '../../src/server/redis-state.ts';
import { startGateway, type RunningGateway } from '../../src/server/serve.ts';
import type { ProviderError } from '../../src/core/providers/errors.ts';
import { client, gatewayConfig, tempDir, trainedRouterFile } from '../helpers/gateway-fixture.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { spentAttempt } from '../helpers/spent-attempt.ts';

let redis: TestRedis;
let server: TestServer;
let routerFile: string;
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  [redis, server, routerFile] = await Promise.all([startRedis(), startTestServer(), trainedRouterFile(tempDir())]);
}, 60_000);
afterAll(async () => {
  for (const o of opened) await o.close();
  await server?.close();
  await redis?.stop();
});

function state(prefix: string): SharedState {
  const s = new SharedState(redis.url, prefix);
  opened.push(s);
  return s;
}

describe('two gateways sharing one Redis', () => {
  it('refuse the call that would pass the daily budget, whichever instance gets it', async () => {
    // Each call reserves at most 16 input tokens (8 bytes + 8) and 10 output tokens = $0.000036, and costs
    // $0.000012 (2 in, 5 out): the second would make $0.000048.
    const config = gatewayConfig(server.url, routerFile, { budgets: { daily_usd: 0.00004, lease_ms: 600 } });
    const fleet: RunningGateway[] = [];
    for (const _ of [1, 2]) fleet.push(await startGateway(config, { redisUrl: redis.url, redisPrefix: 'budget-test:' }));
    opened.push(...fleet);
    const ask = (g: RunningGateway) =>
      client(g.url).chat.completions.create({ model: 'coder', max_tokens: 10, messages: [{ role: 'user', content: 'hi fleet' }] });
    const first = await ask(fleet[0]!);
    expect(first.choices[0]!.message.content).toBe('Echo from echo-small: hi fleet');
    const refused = await ask(fleet[1]!).catch((e: APIError) => e);
    expect(refused).toMatchObject({ status: 429, code: 'budget_exceeded' });
    expect(String((refused as Error).message)).toMatch(/daily budget/);
  });
});

describe('a gateway given an unreachable Redis', () => {
  it('refuses to start, naming where it looked (and no password)', async () => {
    const config = gatewayConfig(server.url, routerFile);
    await expect(startGateway(config, { redisUrl: 'redis://:secret-pass@127.0.0.1:1' })).rejects.toThrow(
      /cannot reach Redis at 127.0.0.1:1(?!.*secret-pass)/,
    );
  });
});

describe('the Redis budget guard', () => {
  const LEASE_MS = 600;
  async function guard(prefix: string, budget: { dailyUsd?: number; monthlyUsd?: number }): Promise<RedisBudgetGuard> {
    const g = new RedisBudgetGuard(state(prefix), budget, { leaseMs: LEASE_MS });
    opened.push({ close: async () => g.close() });
    await g.ready();
    return g;
  }

  /** Every number the fleet keeps under `prefix`: spend totals and the amounts of live leases. */
  async function figures(prefix: string): Promise<number[]> {
    const probe = state('probe:').redis;
    const numbers: number[] = [];
    for (const key of await probe.keys(`${prefix}spent:*`)) numbers.push(...(await probe.hvals(key)).map(Number));
    for (const key of await probe.keys(`${prefix}leases:*`))
      numbers.push(...(await probe.zrange(key, '0', '-1')).map((m) => Number(m.split('|')[1])));
    return numbers;
  }

  it('admits 5 of 20 parallel reservations from two connections against a budget for 5', async () => {
    const guards = await Promise.all([
      guard('atomic:', { dailyUsd: 0.005, monthlyUsd: 1 }),
      guard('atomic:', { dailyUsd: 0.005, monthlyUsd: 1 }),
    ]);
    const tries = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => guards[i % 2]!.reserve(0.001)));
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(5);
    expect(tries.every((t) => t.status === 'fulfilled' || (t.reason as ProviderError).kind === 'budget')).toBe(true);
  });

  it('gives a released reservation back, and counts the spend written with the release once', async () => {
    const g = await guard('release:', { dailyUsd: 0.001 });
    const release = await g.reserve(0.0006);
    await expect(g.reserve(0.0006)).rejects.toMatchObject({ kind: 'budget' });
    g.record(spentAttempt(0.0004));
    await release();
    await release();
    await g.heartbeat();
    expect(await figures('release:')).toEqual([0.0004]);
    await expect(g.reserve(0.0006)).resolves.toBeTypeOf('function');
    await expect(g.reserve(0.0006)).rejects.toMatchObject({ kind: 'budget' });
  });

  it('lets the reservations of an instance that died lapse: the budget frees after the lease', async () => {
    const [dying, living] = await Promise.all([guard('lease:', { dailyUsd: 0.001 }), guard('lease:', { dailyUsd: 0.001 })]);
    await dying.reserve(0.001);
    await expect(living.reserve(0.001)).rejects.toMatchObject({ kind: 'budget' });
    // Still alive: its heartbeat renews the lease past its first term.
    await new Promise((r) => setTimeout(r, LEASE_MS * 1.5));
    await expect(living.reserve(0.001)).rejects.toMatchObject({ kind: 'budget' });
    dying.close(); // no more heartbeats and no release: as if its process were killed
    await expect
      .poll(
        () =>
          living.reserve(0.001).then(
            () => 'admitted',
            () => 'refused',
          ),
        { timeout: LEASE_MS * 4, interval: 50 },
      )
      .toBe('admitted');
  });
});

describe('a Redis restarted empty', () => {
  it('refuses while the fleet writes back its spend and live leases, then admits only what is left; nothing goes negative', async () => {
    const budget = { dailyUsd: 0.01 };
    const a = new RedisBudgetGuard(state('restart:'), budget, { leaseMs: 600 });
    const b = new RedisBudgetGuard(state('restart:'), budget, { leaseMs: 600 });
    opened.push({ close: async () => (a.close(), b.close()) });
    await a.ready();
    const inFlight = await a.reserve(0.003);
    a.record(spentAttempt(0.004));
    await redis.restart();
    await expect
      .poll(
        () =>
          b.reserve(0.001).then(
            () => 'admitted',
            (e: Error) => e.message,
          ),
        { timeout: 5000, interval: 20 },
      )
      .toMatch(/being rebuilt/);
    await b.ready();
    // 0.004 spent + 0.003 in flight are back: 0.003 is left.
    await expect(b.reserve(0.0031)).rejects.toMatchObject({ kind: 'budget' });
    const release = await b.reserve(0.003);
    await inFlight();
    await release();
    const probe = state('probe:').redis;
    const numbers = [];
    for (const key of await probe.keys('restart:*'))
      if ((await probe.type(key)) === 'hash') numbers.push(...(await probe.hvals(key)).map(Number));
    expect(numbers.every((n) => n >= 0)).toBe(true);
    for (const key of await probe.keys('restart:*')) expect(await probe.ttl(key)).not.toBe(-1);
  });
});

describe('the Redis circuit breaker', () => {
  it('opens for every instance after failures on any, and lets one trial through after the cooldown', async () => {
    let now = 1_000_000;
    const options = { threshold: 2, cooldownMs: 1000, now: () => now };
    const [a, b] = [new RedisBreaker(state('breaker:'), options), new RedisBreaker(state('breaker:'), options)];
    expect(await b.tryAcquire('p')).toBe(true);
    await a.failure('p');
    await b.failure('p');
    expect(await a.tryAcquire('p')).toBe(false);
    expect(await b.tryAcquire('p')).toBe(false);
    now += 1000;
    expect(await a.tryAcquire('p')).toBe(true);
    expect(await b.tryAcquire('p')).toBe(false);
    await a.success('p');
    expect(await b.tryAcquire('p')).toBe(true);
  });
});
