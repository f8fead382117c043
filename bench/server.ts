// `npm run bench:server`: what `llmrouter serve` costs and whether it keeps budgets, all on loopback. The
// provider test server, a minimal upstream stub (bench/upstream-stub.ts) and the gateway run as child
// processes; autocannon drives them from this one. Measures the latency a named-model call adds (p50/p99 at
// concurrency 1, against calling the upstream directly), throughput against the direct path at concurrency
// 16 and in req/s against the stub, routed calls (router-irt with the real encoder) against the encoder's own
// p50, fallbacks under injected 500s, the JSONL log's integrity, memory over a soak, and the $1 budget under
// 50 parallel calls without Redis, with Redis, and with Redis restarted mid-burst. Writes bench/server.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createNodeEmbedder } from '../src/platform/node/encoder.ts';
import { startGateway, type RunningGateway } from '../src/server/serve.ts';
import { startTestServer } from '../test-server/server.ts';
import { CLIENT_TOKEN, PYTHON_QUERY, gatewayConfig, trainedRouterFile } from '../test/helpers/gateway-fixture.ts';
import { LONG_ANSWER, PRICEY_MODEL, budgetBurst, burstsAcrossRestart, loggedUsd, redisFigures } from '../test/helpers/budget-burst.ts';
import { startRedis } from '../test/helpers/redis.ts';
import { writeMarkedTable } from './results-file.ts';

const TEST_PORT = 5614;
const GATEWAY_PORT = 5615;
const STUB_PORT = 5616;
const BARE_PORT = 5617;
/** Calls in the memory soak: the 20,000 unless SOAK_CALLS says otherwise. */
const SOAK_CALLS = Number(process.env.SOAK_CALLS ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'llmrouter-bench-server-'));
const logFile = join(dir, 'calls.jsonl');
const provider = `http://127.0.0.1:${TEST_PORT}`;
const stub = `http://127.0.0.1:${STUB_PORT}`;
const gateway = `http://127.0.0.1:${GATEWAY_PORT}`;
const children: ChildProcess[] = [];

function start(args: string[], ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => ready.test(d.toString()) && resolve(child));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

const body = (model: string, stream = false) => JSON.stringify({ model, stream, messages: [{ role: 'user', content: PYTHON_QUERY }] });

type Figures = Awaited<ReturnType<typeof load>>;

let queries = 0;

/** With `vary`, each request asks a query of its own (no encoder cache hit), as real traffic does. */
async function load(
  name: string,
  url: string,
  payload: string,
  options: { connections: number; duration?: number; amount?: number; vary?: boolean },
) {
  const result = await autocannon({
    ...(options.vary
      ? {
          requests: [
            { setupRequest: (request: object) => ({ ...request, body: payload.replace(PYTHON_QUERY, `${PYTHON_QUERY} #${++queries}`) }) },
          ],
        }
      : {}),
    url,
    method: 'POST',
    body: payload,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_TOKEN}` },
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
  });
  const figures = {
    connections: options.connections,
    requests: result.requests.total,
    ok: result['2xx'],
    non_2xx: result.non2xx,
    errors: result.errors,
    rps: result.requests.average,
    latency_ms: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
  console.log(name, JSON.stringify(figures));
  return figures;
}

/** CPU seconds a child process has used so far (Linux: utime + stime from /proc, in clock ticks of 1/100 s). */
function cpuSeconds(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Direct and gateway runs alternate (three rounds), so both see the same background load on this shared machine. */
async function overhead(
  label: string,
  connections: number,
  direct: [string, string],
  through: [string, string],
  seconds = 4,
  vary = false,
) {
  const rounds: { direct: Figures; gateway: Figures; added_p50_ms: number; added_p99_ms: number }[] = [];
  for (let round = 1; round <= 3; round++) {
    const d = await load(`${label} direct c=${connections} #${round}`, direct[0], direct[1], { connections, duration: seconds });
    const g = await load(`${label} gateway c=${connections} #${round}`, through[0], through[1], { connections, duration: seconds, vary });
    rounds.push({
      direct: d,
      gateway: g,
      added_p50_ms: g.latency_ms.p50 - d.latency_ms.p50,
      added_p99_ms: g.latency_ms.p99 - d.latency_ms.p99,
    });
  }
  const directRps = median(rounds.map((r) => r.direct.rps));
  const gatewayRps = median(rounds.map((r) => r.gateway.rps));
  return {
    median_added_p50_ms: median(rounds.map((r) => r.added_p50_ms)),
    median_added_p99_ms: median(rounds.map((r) => r.added_p99_ms)),
    median_direct_rps: directRps,
    median_gateway_rps: gatewayRps,
    throughput_ratio: Math.round((gatewayRps / directRps) * 100) / 100,
    rounds,
  };
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${gateway}/metrics`, { headers: { authorization: `Bearer ${CLIENT_TOKEN}` } })).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(name) && !l.startsWith('#'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

const faults = (rules: unknown[]) =>
  fetch(`${provider}/_control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });

/** The encoder's own latency for one query never seen before (its cache misses), in this process: what routing cannot avoid. */
async function embeddingP50(): Promise<number> {
  const encoder = await createNodeEmbedder();
  const times: number[] = [];
  for (let i = 0; i < 220; i++) {
    const started = performance.now();
    await encoder.embed([`${PYTHON_QUERY} ~${i}`]);
    if (i >= 20) times.push(performance.now() - started);
  }
  return Math.round(median(times) * 100) / 100;
}

function writeConfig(routerFile: string): string {
  const model = (id: string, p: string, api_model: string) => ({
    id,
    provider: p,
    api_model,
    input_price: 1,
    output_price: 2,
    context_window: 8192,
    description: id,
  });
  const file = join(dir, 'gateway.json');
  writeFileSync(
    file,
    JSON.stringify({
      server: { port: GATEWAY_PORT },
      models: [
        model('coder', 'test-openai', 'echo-small'),
        model('mathematician', 'test-openai', 'echo-large'),
        model('generalist', 'test-openai', 'echo-large'),
        model('stubbed', 'stub', 'stub'),
      ],
      providers: { 'test-openai': { base_url: `${provider}/openai/v1`, wire: 'openai' }, stub: { base_url: `${stub}/v1`, wire: 'openai' } },
      api_keys: { 'test-openai': ['sk-bench-key-000'], stub: ['sk-bench-key-001'] },
      routers: { irt: { file: routerFile } },
      client_tokens: [CLIENT_TOKEN],
      log: logFile,
      policy: { retries: 0, concurrency: 256 },
      breaker: { threshold: 1_000_000, cooldown_ms: 1000 },
    }),
  );
  return file;
}

/** The $1 budget: 50 parallel calls each able to cost $0.024, alone, on a fleet sharing Redis, and with Redis restarted mid-burst. */
async function budgets() {
  const server = await startTestServer();
  const redis = await startRedis();
  server.scripts.set([{ reply: LONG_ANSWER }]);
  server.faults.set([{ model: 'echo-small', fault: 'stall=10' }]);
  const opened: RunningGateway[] = [];
  const fleet = async (name: string, count: number, prefix?: string) => {
    const config = (i: number) =>
      gatewayConfig(server.url, '', {
        routers: {},
        models: [PRICEY_MODEL],
        log: join(dir, `${name}-${i}.jsonl`),
        budgets: { daily_usd: 1, lease_ms: 3000 },
      });
    const gateways = await Promise.all(
      Array.from({ length: count }, (_, i) => startGateway(config(i), prefix ? { redisUrl: redis.url, redisPrefix: prefix } : {})),
    );
    opened.push(...gateways);
    return gateways;
  };
  const settle = async (gateways: RunningGateway[], result: Awaited<ReturnType<typeof budgetBurst>>, prefix?: string) => {
    for (const g of gateways) await g.gateway.log!.flushed();
    const logged = loggedUsd(gateways.map((g) => g.gateway.config.log!));
    const held = prefix ? await redisFigures(redis.url, prefix) : undefined;
    return {
      ...result,
      spent_usd: Math.round(logged * 1e6) / 1e6,
      answered_usd_equals_logged: Math.abs(logged - result.answered_usd) < 1e-9,
      ...(held ? { redis: held } : {}),
    };
  };
  try {
    const alone = await fleet('alone', 1);
    const withoutRedis = await settle(
      alone,
      await budgetBurst(
        alone.map((g) => g.url),
        50,
      ),
    );
    const shared = await fleet('shared', 2, 'bench-shared:');
    const withRedis = await settle(
      shared,
      await budgetBurst(
        shared.map((g) => g.url),
        50,
      ),
      'bench-shared:',
    );
    const restarted = await fleet('restarted', 2, 'bench-restarted:');
    const both = await burstsAcrossRestart(
      restarted.map((g) => g.url),
      server,
      () => redis.restart(),
    );
    await new Promise((r) => setTimeout(r, 3000)); // heartbeats write back the spend
    const withRestart = await settle(restarted, both, 'bench-restarted:');
    return {
      budget_usd: 1,
      max_cost_per_call_usd: 0.024,
      without_redis: withoutRedis,
      with_redis: withRedis,
      redis_restarted_mid_burst_then_second_burst: withRestart,
    };
  } finally {
    for (const g of opened) await g.close();
    await server.close();
    await redis.stop();
  }
}

async function main() {
  const loadBefore = loadavg()[0];
  const routerFile = await trainedRouterFile(dir, 'irt', {});
  const configFile = writeConfig(routerFile);
  await start(['--import', 'tsx', 'test-server/main.ts', '--port', String(TEST_PORT)], /provider test server/);
  await start(['--import', 'tsx', 'bench/upstream-stub.ts', '--port', String(STUB_PORT)], /upstream stub/);
  const bareArgs = ['--port', String(BARE_PORT), '--upstream', `${stub}/v1`];
  const bare = await start(['--import', 'tsx', 'bench/bare-proxy.ts', ...bareArgs], /bare proxy/);
  await start(['bin/llmrouter.js', 'serve', '--config', configFile], /llmrouter gateway on/);

  const chat = `${gateway}/v1/chat/completions`;
  const directTest: [string, string] = [`${provider}/openai/v1/chat/completions`, body('echo-small')];
  const directStub: [string, string] = [`${stub}/v1/chat/completions`, body('stub')];
  await load('warm-up', chat, body('router-irt'), { connections: 4, amount: 200 });
  await load('warm-up', chat, body('stubbed'), { connections: 4, amount: 500 });

  const named_c1 = await overhead('named (stub)', 1, directStub, [chat, body('stubbed')]);
  const named_c16_test_server = await overhead('named (test server)', 16, directTest, [chat, body('coder')]);
  const cpuBefore = await metric('llmrouter_process_cpu_seconds_total');
  const named_c16_stub = await overhead('named (stub)', 16, directStub, [chat, body('stubbed')]);
  const gatewayCalls = named_c16_stub.rounds.reduce((n, r) => n + r.gateway.requests, 0);
  // CPU the gateway process spent per call (the metrics requests between are negligible): a figure the machine's load changes least.
  const gateway_cpu_us_per_call = Math.round((((await metric('llmrouter_process_cpu_seconds_total')) - cpuBefore) * 1e6) / gatewayCalls);
  const bareCpuBefore = cpuSeconds(bare);
  const bare_c16_stub = await overhead('bare proxy (stub)', 16, directStub, [
    `http://127.0.0.1:${BARE_PORT}/v1/chat/completions`,
    body('stub'),
  ]);
  const bareCalls = bare_c16_stub.rounds.reduce((n, r) => n + r.gateway.requests, 0);
  const bare_cpu_us_per_call = Math.round(((cpuSeconds(bare) - bareCpuBefore) * 1e6) / bareCalls);
  const embedding_p50_ms = await embeddingP50();
  const routed_c1 = await overhead('routed irt', 1, directTest, [chat, body('router-irt')], 4, true);
  const streamed = await load('streamed irt c=16', chat, body('router-irt', true), { connections: 16, duration: 5 });

  const fallbacksBefore = await metric('llmrouter_fallbacks_total');
  await faults([{ fault: '500', times: 300 }]);
  const underFaults = await load('router-irt with 300 500s c=16', chat, body('router-irt'), { connections: 16, amount: 1000 });
  await faults([]);
  const fallbacks = (await metric('llmrouter_fallbacks_total')) - fallbacksBefore;

  const heap = [await metric('llmrouter_nodejs_heap_size_used_bytes')];
  const rss = [await metric('llmrouter_process_resident_memory_bytes')];
  for (let round = 0; round < 4; round++) {
    await load(`soak round ${round + 1}`, chat, body('coder'), { connections: 32, amount: SOAK_CALLS / 4 });
    heap.push(await metric('llmrouter_nodejs_heap_size_used_bytes'));
    rss.push(await metric('llmrouter_process_resident_memory_bytes'));
  }
  const chatRequests = await metric('llmrouter_requests_total{route="/v1/chat/completions"');
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  const budget = await budgets();

  const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  const records = lines.map((l) => JSON.parse(l) as { type: string; id: string; callId: string });
  const calls = records.filter((r) => r.type === 'routed-call');
  const callIds = new Set(calls.map((c) => c.callId));
  const attempts = records.filter((r) => r.type === 'attempt');
  const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
  const results = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memory_gb: Math.round(totalmem() / 1e9),
      node: process.version,
      date: new Date().toISOString().slice(0, 10),
      load_average_at_start: loadBefore,
      load_average_at_end: loadavg()[0],
      shared: 'with several other developers running tests and benches',
    },
    setup:
      'gateway (llmrouter serve), provider test server and a minimal upstream stub as child processes on loopback, autocannon in this process; clients ask for whole answers unless named streamed',
    targets: {
      named_added_p50_ms: { target: '<= 2', measured: named_c1.median_added_p50_ms },
      named_added_p99_ms: { target: '<= 10', measured: named_c1.median_added_p99_ms },
      throughput_ratio_c16_test_server: { target: '>= 0.8', measured: named_c16_test_server.throughput_ratio },
      gateway_rps_c16_stub: { target: '>= 1000', measured: named_c16_stub.median_gateway_rps, gateway_cpu_us_per_call },
      routed_added_p50_ms: {
        target: `<= embedding p50 + 2 = ${(embedding_p50_ms + 2).toFixed(2)}`,
        measured: routed_c1.median_added_p50_ms,
      },
      soak_rss_mb: { target: '<= 300, flat', measured: rss.map(mb) },
      budget_spend_usd: {
        target: '<= 1.00',
        measured: [
          budget.without_redis.spent_usd,
          budget.with_redis.spent_usd,
          budget.redis_restarted_mid_burst_then_second_burst.spent_usd,
        ],
      },
    },
    named_c1_vs_stub: named_c1,
    named_c16_vs_test_server: named_c16_test_server,
    named_c16_vs_stub: { ...named_c16_stub, gateway_cpu_us_per_call },
    bare_proxy_c16_vs_stub: { ...bare_c16_stub, bare_cpu_us_per_call },
    embedding_p50_ms,
    routed_irt_c1_vs_test_server: routed_c1,
    streamed_irt_c16: streamed,
    faults: { injected_500s: 300, requests: underFaults.requests, ok: underFaults.ok, non_2xx: underFaults.non_2xx, fallbacks },
    log: {
      chat_requests_served: chatRequests,
      lines: lines.length,
      routed_call_records: calls.length,
      attempt_records: attempts.length,
      distinct_call_ids: callIds.size,
      distinct_attempt_ids: new Set(attempts.map((a) => a.id)).size,
      attempts_without_their_call: attempts.filter((a) => !callIds.has(a.callId)).length,
    },
    soak: { requests: SOAK_CALLS, connections: 32, heap_used_mb: heap.map(mb), rss_mb: rss.map(mb) },
    budget,
  };
  writeFileSync(new URL('./server.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  writeMarkedTable('docs/gateway.md', 'server', targetsTable(results));
  console.log(JSON.stringify(results.targets, null, 2));
}

type Results = {
  machine: { load_average_at_start: number; load_average_at_end: number; date: string };
  named_c1_vs_stub: Awaited<ReturnType<typeof overhead>>;
  named_c16_vs_test_server: Awaited<ReturnType<typeof overhead>>;
  named_c16_vs_stub: Awaited<ReturnType<typeof overhead>> & { gateway_cpu_us_per_call: number };
  bare_proxy_c16_vs_stub: Awaited<ReturnType<typeof overhead>> & { bare_cpu_us_per_call: number };
  embedding_p50_ms: number;
  routed_irt_c1_vs_test_server: Awaited<ReturnType<typeof overhead>>;
  soak: { requests: number; rss_mb: number[] };
  faults: { requests: number; ok: number; non_2xx: number; fallbacks: number };
  log: { chat_requests_served: number; routed_call_records: number; attempt_records: number; attempts_without_their_call: number };
  budget: Awaited<ReturnType<typeof budgets>>;
};

type Burst = Awaited<ReturnType<typeof budgets>>['without_redis'] & { redis?: { leased_usd: number; negatives: number } };

function bareRow(r: Results): string {
  const bare = r.bare_proxy_c16_vs_stub;
  const rps = Math.round(bare.median_gateway_rps).toLocaleString('en-US');
  return `${rps} req/s, ${bare.throughput_ratio}x the direct call; ${bare.bare_cpu_us_per_call} µs of CPU a call`;
}

/** A budget scenario's row: spend under $1, and nothing lost or left negative. */
function budgetRow(scenario: string, b: Burst): string {
  const redis = b.redis ? `; Redis: ${b.redis.leased_usd} leased, ${b.redis.negatives} negative` : '';
  const ok = b.spent_usd <= 1 && b.lost === 0 && b.answered_usd_equals_logged && (b.redis?.negatives ?? 0) === 0;
  const measured = `$${b.spent_usd.toFixed(3)} spent, ${b.answered} answered, ${b.refused} refused, ${b.lost} lost${redis}`;
  return `| ${scenario} | ${measured} | ${ok ? 'yes' : 'no'} |`;
}

/** The targets as docs/gateway.md shows them (between its `bench:server` markers). */
function targetsTable(r: Results): string {
  const met = (ok: boolean) => (ok ? 'yes' : 'no');
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const { named_c1_vs_stub: c1, named_c16_vs_test_server: test, named_c16_vs_stub: stub, routed_irt_c1_vs_test_server: routed } = r;
  const rss = r.soak.rss_mb;
  const flat = rss.at(-1)! - rss[1]!;
  const rows = [
    ['named model, added p50 at 1 connection <= 2 ms (vs the stub)', `+${c1.median_added_p50_ms} ms`, c1.median_added_p50_ms <= 2],
    ['named model, added p99 at 1 connection <= 10 ms', `+${c1.median_added_p99_ms} ms`, c1.median_added_p99_ms <= 10],
    [
      'throughput >= 0.8x direct at 16 connections (test server)',
      `${int(test.median_gateway_rps)} vs ${int(test.median_direct_rps)} req/s: ${test.throughput_ratio}x (${stub.throughput_ratio}x vs the stub)`,
      test.throughput_ratio >= 0.8,
    ],
    [
      '>= 1,000 req/s against a minimal stub (16 connections)',
      `${int(stub.median_gateway_rps)} req/s; the gateway process spent ${stub.gateway_cpu_us_per_call} µs of CPU a call`,
      stub.median_gateway_rps >= 1000,
    ],
    [
      'routed (`router-irt`, a new query each call) added p50 <= embedding p50 + 2 ms',
      `+${routed.median_added_p50_ms} ms vs an embedding p50 of ${r.embedding_p50_ms} ms`,
      routed.median_added_p50_ms <= r.embedding_p50_ms + 2,
    ],
    [
      `RSS <= 300 MB and flat (< 10 MB rise after the first quarter) over a ${int(r.soak.requests)}-call soak`,
      `${rss.join(' / ')} MB at the start and after each ${int(r.soak.requests / (rss.length - 1))}`,
      Math.max(...rss) <= 300 && flat <= 10,
    ],
  ] as const;
  const { load_average_at_start: before, load_average_at_end: after, date } = r.machine;
  const { budget, faults, log } = r;
  return [
    `Measured ${date}, load average ${before.toFixed(1)} at the start and ${after.toFixed(1)} at the end.`,
    '',
    '| target (issue 23) | measured | met |',
    '| --- | --- | --- |',
    ...rows.map(([target, measured, ok]) => `| ${target} | ${measured} | ${met(ok)} |`),
    `| reference: a bare fastify + undici proxy (\`bench/bare-proxy.ts\`), 16 connections vs the stub | ${bareRow(r)} | - |`,
    budgetRow('$1 budget, 50 parallel calls, provider ignoring max_tokens, no Redis', budget.without_redis),
    budgetRow('the same, two gateways on one Redis', budget.with_redis),
    budgetRow(
      'the same with Redis restarted empty mid-burst, then a second burst of 50',
      budget.redis_restarted_mid_burst_then_second_burst,
    ),
    '',
    `Under 300 injected 500s, ${int(faults.ok)} of ${int(faults.requests)} routed calls answered after ${int(faults.fallbacks)} fallbacks. ` +
      `The log held ${int(log.routed_call_records)} call records and ${int(log.attempt_records)} attempt records for ` +
      `${int(log.chat_requests_served)} chat requests, ${log.attempts_without_their_call} attempts without their call.`,
  ].join('\n');
}

main().catch((e) => {
  console.error(e);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
