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
    // Each call is estimated at (2 input + 10 output tokens) = $0.000022 and costs $0.000012 (2 in, 5 out).
    const config = gatewayConfig(server.url, routerFile, { budgets: { daily_usd: 0.00003 } });
    const fleet: RunningGateway[] = [];
    for (const _ of [1, 2]) fleet.push(await startGateway(config, { redisUrl: redis.url, redisPrefix: 'budget-test:' }));
    opened.push(...fleet);
    const ask = (g: RunningGateway) => client(g.url).chat.completions.create({ model: 'coder', max_tokens: 10, messages: [{ role: 'user', content: 'hi fleet' }] });
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
    await expect(startGateway(config, { redisUrl: 'redis://:secret-pass@127.0.0.1:1' })).rejects.toThrow(/cannot reach Redis at 127.0.0.1:1(?!.*secret-pass)/);
  });
});

describe('the Redis budget guard', () => {
  it('admits 5 of 20 parallel reservations from two connections against a budget for 5', async () => {
    const guards = [state('atomic:'), state('atomic:')].map((s) => new RedisBudgetGuard(s, { dailyUsd: 0.005, monthlyUsd: 1 }));
    const tries = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => guards[i % 2]!.reserve(0.001)));
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(5);
    expect(tries.every((t) => t.status === 'fulfilled' || (t.reason as ProviderError).kind === 'budget')).toBe(true);
  });

  it('gives a released reservation back', async () => {
    const guard = new RedisBudgetGuard(state('release:'), { dailyUsd: 0.001 });
    const release = await guard.reserve(0.001);
    await expect(guard.reserve(0.001)).rejects.toMatchObject({ kind: 'budget' });
    await release();
    await expect(guard.reserve(0.001)).resolves.toBeTypeOf('function');
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
