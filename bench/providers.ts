// Measures the provider layer: SSE stream parsing throughput of the client (in-process stream in random chunk
// sizes), the time a fallback adds over real HTTP to the test server, and the passphrase key derivation.
// Writes bench/results/providers.json. Run: npx tsx bench/providers.ts
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { startTestServer } from '../test-server/server.ts';
import { chat } from '../src/core/providers/client.ts';
import { CircuitBreaker } from '../src/core/providers/circuit-breaker.ts';
import { RoutedCaller } from '../src/core/providers/routed-call.ts';
import { passphraseKey, randomBytes } from '../src/platform/browser/sealed-box.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function sseThroughput(pieces: number) {
  const events = Array.from(
    { length: pieces },
    (_, i) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: `w${i} ` }, finish_reason: null }] })}\n\n`,
  );
  const text = `${events.join('')}: keep-alive\n\ndata: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
  const bytes = new TextEncoder().encode(text);
  const fakeFetch = (async () => {
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        const size = 1 + Math.floor(Math.random() * 200);
        controller.enqueue(bytes.slice(at, (at += size)));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }) as typeof fetch;
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    let n = 0;
    const started = performance.now();
    await chat(
      { provider: 'bench', wire: 'openai', baseUrl: 'http://bench/v1' },
      { model: 'm', messages: [{ role: 'user', content: 'x' }] },
      { fetch: fakeFetch, onToken: () => void n++ },
    );
    runs.push(performance.now() - started);
    if (n !== pieces) throw new Error(`expected ${pieces} pieces, got ${n}`);
  }
  const ms = median(runs);
  return {
    pieces,
    bytes: bytes.length,
    median_ms: +ms.toFixed(1),
    pieces_per_s: Math.round(pieces / (ms / 1000)),
    mb_per_s: +(bytes.length / 1e6 / (ms / 1000)).toFixed(1),
  };
}

async function fallbackCost(rounds: number) {
  const server = await startTestServer();
  const model = (id: string, provider: string) => ({
    id,
    provider,
    api_model: 'echo-small',
    input_price: 1,
    output_price: 1,
    context_window: 8192,
    description: id,
    strengths: [],
  });
  const urls: Record<string, [string, 'openai' | 'anthropic']> = { a: ['/openai/v1', 'openai'], b: ['/anthropic/v1', 'anthropic'] };
  const caller = new RoutedCaller({
    catalog: [model('first', 'a'), model('second', 'b')],
    endpoint: (p) => ({ provider: p, wire: urls[p]![1], baseUrl: server.url + urls[p]![0], key: 'sk-bench-key' }),
    policy: { retries: 0 },
    breaker: new CircuitBreaker({ threshold: Infinity, cooldownMs: 0 }), // never opens: every round meets the 500
  });
  const time = async (ranking: string[]) => {
    const started = performance.now();
    const result = await caller.call({ ranking: ranking.map((m) => ({ model: m })), messages: [{ role: 'user', content: 'bench' }] });
    if (!result.complete) throw new Error('bench call failed');
    return performance.now() - started;
  };
  const direct: number[] = [];
  const fellBack: number[] = [];
  for (let i = 0; i < rounds; i++) {
    server.faults.set([]);
    direct.push(await time(['second']));
    server.faults.set([{ wire: 'openai', fault: '500' }]);
    fellBack.push(await time(['first', 'second']));
  }
  await server.close();
  return { rounds, direct_median_ms: +median(direct).toFixed(1), after_500_median_ms: +median(fellBack).toFixed(1) };
}

async function pbkdf2() {
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const started = performance.now();
    await passphraseKey('correct horse battery staple', randomBytes(16));
    runs.push(performance.now() - started);
  }
  return { iterations: 600_000, median_ms: +median(runs).toFixed(0) };
}

const results = {
  machine: `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, shared), Node ${process.version}`,
  date: new Date().toISOString(),
  sse_client: await sseThroughput(20_000),
  fallback: await fallbackCost(20),
  pbkdf2_unlock: await pbkdf2(),
};
const out = resolve(import.meta.dirname, 'results/providers.json');
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
