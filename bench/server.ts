// `npm run bench:server`: load and faults against `llmrouter serve`, all on loopback. The provider test
// server and the gateway run as child processes; autocannon drives them from this one. Measures the latency
// the gateway adds (p50/p99 against calling the test server directly), throughput, routed calls (knn with
// the real encoder), fallbacks under injected 500s, the JSONL log's integrity under concurrency, and memory
// over a soak. Writes bench/server.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { CLIENT_TOKEN, PYTHON_QUERY, trainedRouterFile } from '../test/helpers/gateway-fixture.ts';

const TEST_PORT = 5514 + 100;
const GATEWAY_PORT = 5514 + 101;
const dir = mkdtempSync(join(tmpdir(), 'llmrouter-bench-server-'));
const logFile = join(dir, 'calls.jsonl');
const provider = `http://127.0.0.1:${TEST_PORT}`;
const gateway = `http://127.0.0.1:${GATEWAY_PORT}`;
const children: ChildProcess[] = [];

function start(args: string[], ready: RegExp): Promise<void> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => ready.test(d.toString()) && resolve());
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

const body = (model: string, stream = false) => JSON.stringify({ model, stream, messages: [{ role: 'user', content: PYTHON_QUERY }] });

async function load(name: string, url: string, payload: string, options: { connections: number; duration?: number; amount?: number }) {
  const result = await autocannon({
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

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${gateway}/metrics`, { headers: { authorization: `Bearer ${CLIENT_TOKEN}` } })).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(name) && !l.startsWith('#'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

const faults = (rules: unknown[]) => fetch(`${provider}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) });

async function main() {
  const routerFile = await trainedRouterFile(dir);
  const model = (id: string, api_model: string) => ({ id, provider: 'test-openai', api_model, input_price: 1, output_price: 2, context_window: 8192, description: id });
  const configFile = join(dir, 'gateway.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      server: { port: GATEWAY_PORT },
      models: [model('coder', 'echo-small'), model('mathematician', 'echo-large'), model('generalist', 'echo-large')],
      providers: { 'test-openai': { base_url: `${provider}/openai/v1`, wire: 'openai' } },
      api_keys: { 'test-openai': ['sk-bench-key-000'] },
      routers: { knn: { file: routerFile } },
      client_tokens: [CLIENT_TOKEN],
      log: logFile,
      policy: { retries: 0, concurrency: 256 },
      breaker: { threshold: 1_000_000, cooldown_ms: 1000 },
    }),
  );
  await start(['--import', 'tsx', 'test-server/main.ts', '--port', String(TEST_PORT)], /provider test server/);
  await start(['bin/llmrouter.js', 'serve', '--config', configFile], /llmrouter gateway on/);

  const chat = `${gateway}/v1/chat/completions`;
  const direct = `${provider}/openai/v1/chat/completions`;
  // The gateway always streams from the provider (so it can fall back mid-answer): the direct baseline is the
  // same streamed call, read to its end.
  const providerBody = JSON.stringify({ model: 'echo-small', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: PYTHON_QUERY }] });
  await load('warm-up', chat, body('router-knn'), { connections: 4, amount: 40 });

  // Direct and gateway runs alternate, so both see the same background load on this shared machine.
  const overhead = async (connections: number) => {
    const rounds = [];
    for (let round = 1; round <= 3; round++) {
      const d = await load(`direct c=${connections} #${round}`, direct, providerBody, { connections, duration: 4 });
      const g = await load(`gateway c=${connections} #${round}`, chat, body('coder'), { connections, duration: 4 });
      rounds.push({ direct: d, gateway: g, added_p50_ms: g.latency_ms.p50 - d.latency_ms.p50, added_p99_ms: g.latency_ms.p99 - d.latency_ms.p99 });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    return {
      median_added_p50_ms: median(rounds.map((r) => r.added_p50_ms)),
      median_added_p99_ms: median(rounds.map((r) => r.added_p99_ms)),
      median_direct_rps: median(rounds.map((r) => r.direct.rps)),
      median_gateway_rps: median(rounds.map((r) => r.gateway.rps)),
      rounds,
    };
  };
  const loadBefore = loadavg()[0];
  const one = await overhead(1);
  const many = await overhead(16);
  const routed = await load('routed knn c=16', chat, body('router-knn'), { connections: 16, duration: 10 });
  const streamed = await load('streamed knn c=16', chat, body('router-knn', true), { connections: 16, duration: 5 });

  const fallbacksBefore = await metric('llmrouter_fallbacks_total');
  await faults([{ model: 'echo-small', fault: '500', times: 300 }]);
  const underFaults = await load('router-knn with 500s on its pick c=16', chat, body('router-knn'), { connections: 16, amount: 1000 });
  await faults([]);
  const fallbacks = (await metric('llmrouter_fallbacks_total')) - fallbacksBefore;

  const heap = [await metric('llmrouter_nodejs_heap_size_used_bytes')];
  const rss = [await metric('llmrouter_process_resident_memory_bytes')];
  for (let round = 0; round < 4; round++) {
    await load(`soak round ${round + 1}`, chat, body('coder'), { connections: 32, amount: 5000 });
    heap.push(await metric('llmrouter_nodejs_heap_size_used_bytes'));
    rss.push(await metric('llmrouter_process_resident_memory_bytes'));
  }

  const chatRequests = await metric('llmrouter_requests_total{route="/v1/chat/completions"');
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  const records = lines.map((l) => JSON.parse(l) as { type: string; id: string; callId: string });
  const calls = records.filter((r) => r.type === 'routed-call');
  const attempts = records.filter((r) => r.type === 'attempt');
  const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
  const results = {
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 1e9), node: process.version, date: new Date().toISOString().slice(0, 10), load_average_at_start: loadBefore, load_average_at_end: loadavg()[0] },
    setup: 'provider test server, gateway (llmrouter serve) and autocannon as three processes on loopback; clients ask for whole answers unless named streamed; the gateway streams from the provider, so the direct baseline is the same streamed call (the test server spaces its events by ~1 ms)',
    overhead: {
      c1: one,
      c16: many,
    },
    routed_knn: routed,
    streamed_knn: streamed,
    faults: { injected_500s: 300, requests: underFaults.requests, ok: underFaults.ok, non_2xx: underFaults.non_2xx, fallbacks },
    log: {
      chat_requests_served: chatRequests,
      lines: lines.length,
      routed_call_records: calls.length,
      attempt_records: attempts.length,
      distinct_call_ids: new Set(calls.map((c) => c.callId)).size,
      distinct_attempt_ids: new Set(attempts.map((a) => a.id)).size,
      attempts_without_their_call: attempts.filter((a) => !calls.some((c) => c.callId === a.callId)).length,
    },
    soak: { requests: 20_000, connections: 32, heap_used_mb: heap.map(mb), rss_mb: rss.map(mb) },
  };
  writeFileSync(new URL('./server.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

main().catch((e) => {
  console.error(e);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
