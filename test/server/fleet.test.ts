// A fleet under faults, with real processes: two gateways and one real Redis, one gateway killed (SIGKILL)
// mid-call, Redis killed and restarted empty mid-burst; and the $1 budget under 50 parallel calls with and
// without Redis, against a provider that ignores max_tokens: never over the budget, nothing negative in
// Redis, no answer lost, every cost counted once (clients, logs and Redis agree).
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-server/server.ts';
import { startGateway, type RunningGateway } from '../../src/server/serve.ts';
import { client, gatewayConfig, tempDir } from '../helpers/gateway-fixture.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import {
  BURST_MAX_TOKENS,
  LONG_ANSWER,
  PRICEY_MODEL,
  budgetBurst,
  burstsAcrossRestart,
  loggedUsd,
  redisFigures,
} from '../helpers/budget-burst.ts';

const dir = tempDir();
const LEASE_MS = 900;
let redis: TestRedis;
let server: TestServer;
const opened: { close(): Promise<void> }[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  [redis, server] = await Promise.all([startRedis(), startTestServer()]);
}, 60_000);
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const o of opened) await o.close();
  await server?.close();
  await redis?.stop();
});
beforeEach(() => {
  server.faults.set([]);
  server.scripts.set([]);
});

function config(name: string, budgets: Record<string, number>) {
  return gatewayConfig(server.url, '', {
    routers: {},
    models: [PRICEY_MODEL],
    log: join(dir, `${name}.jsonl`),
    budgets: { lease_ms: LEASE_MS, ...budgets },
  });
}

async function gateway(name: string, budgets: Record<string, number>, redisPrefix?: string): Promise<RunningGateway> {
  const running = await startGateway(config(name, budgets), redisPrefix ? { redisUrl: redis.url, redisPrefix } : {});
  opened.push(running);
  return running;
}

/** `llmrouter serve` in a process of its own; resolves to its URL once it listens. */
function gatewayProcess(name: string, budgets: Record<string, number>, redisPrefix: string): Promise<{ url: string; child: ChildProcess }> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config(name, budgets)));
  const child = spawn(
    process.execPath,
    ['bin/llmrouter.js', 'serve', '--config', file, '--redis', redis.url, '--redis-prefix', redisPrefix],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /llmrouter gateway on (\S+)/.exec(d.toString());
      if (m) resolve({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`the gateway process exited with ${code}`)));
  });
}

const pricey = () => server.requests.filter((r) => r.model === 'echo-small').length;

describe('a gateway killed mid-call', () => {
  it('holds its reservation while it lives; once killed, the reservation lapses and the budget frees for the other', async () => {
    // One call reserves ~$0.024 of a $0.03 budget: a second one waits for the first's reservation to end.
    const budgets = { daily_usd: 0.03 };
    const dying = await gatewayProcess('dying', budgets, 'killed:');
    const living = await gateway('living', budgets, 'killed:');
    server.faults.set([{ model: 'echo-small', fault: 'latency=60000', times: 1 }]);
    const ask = (url: string) =>
      client(url).chat.completions.create({ model: 'pricey', max_tokens: BURST_MAX_TOKENS, messages: [{ role: 'user', content: 'hi' }] });
    const before = pricey();
    void ask(dying.url).catch(() => {});
    await expect.poll(pricey, { timeout: 10_000, interval: 20 }).toBe(before + 1);
    await expect(ask(living.url)).rejects.toMatchObject({ status: 429, code: 'budget_exceeded' });
    dying.child.kill('SIGKILL');
    await expect
      .poll(
        () =>
          ask(living.url).then(
            () => 'answered',
            (e: { status: number }) => e.status,
          ),
        { timeout: LEASE_MS * 6, interval: 100 },
      )
      .toBe('answered');
  }, 60_000);
});

describe('a $1 budget under 50 parallel calls to a provider that ignores max_tokens', () => {
  const check = async (result: Awaited<ReturnType<typeof budgetBurst>>, logs: string[]) => {
    expect(result.lost_as).toEqual([]);
    expect(result.answered + result.refused).toBe(result.calls);
    const logged = loggedUsd(logs);
    expect(logged).toBeLessThanOrEqual(1);
    expect(logged).toBeCloseTo(result.answered_usd, 9);
    return logged;
  };

  it('without Redis: spends at most $1.00, each cost once', async () => {
    server.scripts.set([{ reply: LONG_ANSWER }]);
    const g = await gateway('alone', { daily_usd: 1 });
    const result = await budgetBurst([g.url], 50);
    await g.gateway.log!.flushed();
    const logged = await check(result, [g.gateway.config.log!]);
    expect(result.answered).toBeGreaterThanOrEqual(40);
    expect(logged).toBeGreaterThan(0.95);
  }, 60_000);

  it('two gateways on one Redis, Redis killed and restarted empty mid-burst, then a second burst: never over $1, nothing negative, Redis agrees', async () => {
    server.scripts.set([{ reply: LONG_ANSWER }]);
    server.faults.set([{ model: 'echo-small', fault: 'stall=10' }]);
    const fleet = [await gateway('fleet-a', { daily_usd: 1 }, 'restarted:'), await gateway('fleet-b', { daily_usd: 1 }, 'restarted:')];
    const logs = fleet.map((g) => g.gateway.config.log!);
    const both = await burstsAcrossRestart(
      fleet.map((g) => g.url),
      server,
      () => redis.restart(),
    );
    for (const g of fleet) await g.gateway.log!.flushed();
    const logged = await check(both, logs);
    // The heartbeats write back every instance's spend; the leases of finished calls are gone.
    await expect
      .poll(async () => (await redisFigures(redis.url, 'restarted:')).spent_usd, { timeout: 5000, interval: 100 })
      .toBeCloseTo(logged, 9);
    expect(await redisFigures(redis.url, 'restarted:')).toMatchObject({ leased_usd: 0, negatives: 0, keys_without_ttl: 0 });
  }, 90_000);
});
