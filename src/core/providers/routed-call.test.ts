// Fallback, retries, the mid-stream policy, the circuit breaker, the budget and the concurrency limit,
// through real HTTP against the local test server with faults injected per model.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-server/server.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { KeyRing } from './key-ring.ts';
import { MemoryOutcomeLog } from './outcome.ts';
import { CONTINUE_PROMPT, RoutedCaller, type RoutedCallerOptions, type RoutedEvent } from './routed-call.ts';
import { SpendingGuard } from './spending-guard.ts';
import type { ProviderError } from './errors.ts';
import type { WireFormat } from './definitions.ts';
import { spentAttempt } from '../../../test/helpers/spent-attempt.ts';
import { catalogModel } from '../../../test/helpers/catalog-model.ts';

let server: TestServer;
beforeAll(async () => void (server = await startTestServer()));
afterAll(() => server.close());
beforeEach(() => {
  server.faults.set([]);
  server.requests.splice(0);
});

const catalog = [
  catalogModel('alpha', 'p-openai', 'echo-small'),
  catalogModel('beta', 'p-anthropic', 'echo-large'),
  catalogModel('gamma', 'p-gemini', 'echo-small'),
];
const wires: Record<string, [WireFormat, string]> = {
  'p-openai': ['openai', '/openai/v1'],
  'p-anthropic': ['anthropic', '/anthropic/v1'],
  'p-gemini': ['gemini', '/gemini/v1beta'],
};
const keys = new KeyRing({ 'p-openai': ['sk-one-1111'], 'p-anthropic': ['sk-ant-2222'], 'p-gemini': ['g-key-3333'] });
const ranking = [{ model: 'alpha' }, { model: 'beta' }, { model: 'gamma' }];
const messages = [{ role: 'user' as const, content: 'what is routing?' }];

function caller(options: Partial<RoutedCallerOptions> = {}) {
  const log = new MemoryOutcomeLog();
  const events: RoutedEvent[] = [];
  const c = new RoutedCaller({
    catalog,
    endpoint: (provider) => {
      const [wire, path] = wires[provider]!;
      return { provider, wire, baseUrl: server.url + path, key: keys.next(provider), streamUsage: true };
    },
    sink: log,
    policy: { retries: 0, timeoutMs: 2000, backoff: { baseMs: 10, maxMs: 50 } },
    ...options,
  });
  const call = (extra: { signal?: AbortSignal } = {}) => c.call({ ranking, messages, onEvent: (e) => events.push(e), ...extra });
  return { c, log, events, call };
}

const kinds = (log: MemoryOutcomeLog) => log.outcomes.map((o) => `${o.model}:${o.kind}`);

describe('fallback before the first token', () => {
  it.each([
    ['429 (Retry-After longer than the caller waits)', '429;retry-after=30', 'rate_limit'],
    ['500', '500', 'server'],
    ['a timeout', 'latency=2000', 'timeout'],
    ['a connection reset', 'reset', 'network'],
  ])('moves to the next model on %s', async (_name, fault, kind) => {
    server.faults.set([{ model: 'echo-small', wire: 'openai', fault }]);
    const { log, events, call } = caller({
      policy: { retries: 1, timeoutMs: 600, maxRetryWaitMs: 5000, backoff: { baseMs: 10, maxMs: 50 } },
    });
    const result = await call();
    expect(result.complete).toBe(true);
    expect(result.text).toBe('Echo from echo-large: what is routing?');
    expect(result.segments.map((s) => s.model)).toEqual(['beta']);
    expect(events).toContainEqual({ type: 'fallback', from: 'alpha', to: 'beta', resumed: false });
    // 429 with a long Retry-After falls back at once; the others are retried once first.
    const alphaTries = kind === 'rate_limit' ? 1 : 2;
    expect(kinds(log)).toEqual([...Array(alphaTries).fill(`alpha:${kind}`), 'beta:ok']);
    expect(log.outcomes.at(-1)).toMatchObject({ inputTokens: 4, outputTokens: 6, usageEstimated: false, cost: (4 * 1 + 6 * 2) / 1e6 });
  });

  it('retries the same model after its Retry-After when that is short', async () => {
    server.faults.set([{ model: 'echo-small', wire: 'openai', fault: '429;retry-after=1', times: 1 }]);
    const { log, events, call } = caller({ policy: { retries: 1, backoff: { baseMs: 10, maxMs: 50 } } });
    const started = Date.now();
    const result = await call();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.segments.map((s) => s.model)).toEqual(['alpha']);
    expect(kinds(log)).toEqual(['alpha:rate_limit', 'alpha:ok']);
    expect(events.find((e) => e.type === 'failed')).toMatchObject({ next: 'retry', delayMs: 1000 });
  });

  it('never puts a key into outcomes or events', async () => {
    const bad = new KeyRing({ 'p-openai': ['bad-secret-key-5555'] });
    const { log, events, call } = caller({
      endpoint: (provider) => ({
        provider,
        wire: wires[provider]![0],
        baseUrl: server.url + wires[provider]![1],
        key: provider === 'p-openai' ? bad.next(provider) : keys.next(provider),
      }),
    });
    const result = await call();
    expect(kinds(log)).toEqual(['alpha:auth', 'beta:ok']);
    expect(JSON.stringify([log.outcomes, events, result])).not.toMatch(/bad-secret-key-5555|sk-ant-2222/);
  });

  it('after a refused key skips the other models on that provider and key, and falls back elsewhere', async () => {
    const twins = [...catalog, catalogModel('alpha-2', 'p-openai', 'echo-large'), catalogModel('alpha-3', 'p-openai', 'echo-small')];
    const refusedOnce = new KeyRing({ 'p-openai': ['bad-secret-key-5555'] });
    const { log, events, c } = caller({
      catalog: twins,
      endpoint: (provider) => ({
        provider,
        wire: wires[provider]![0],
        baseUrl: server.url + wires[provider]![1],
        key: provider === 'p-openai' ? refusedOnce.next(provider) : keys.next(provider),
      }),
    });
    const result = await c.call({
      ranking: [{ model: 'alpha' }, { model: 'alpha-2' }, { model: 'alpha-3' }, { model: 'beta' }],
      messages,
      onEvent: (e) => events.push(e),
    });
    expect(result.segments.map((s) => s.model)).toEqual(['beta']);
    expect(kinds(log)).toEqual(['alpha:auth', 'beta:ok']);
    expect(events.filter((e) => e.type === 'skipped')).toEqual([
      { type: 'skipped', model: 'alpha-2', reason: 'key_refused' },
      { type: 'skipped', model: 'alpha-3', reason: 'key_refused' },
    ]);
  });

  it('after a refused key still tries the same provider under its next key', async () => {
    const twins = [...catalog, catalogModel('alpha-2', 'p-openai', 'echo-large')];
    const ring = new KeyRing({ 'p-openai': ['bad-secret-key-5555', 'sk-good-6666'] });
    const { log, c } = caller({
      catalog: twins,
      endpoint: (provider) => ({
        provider,
        wire: wires[provider]![0],
        baseUrl: server.url + wires[provider]![1],
        key: provider === 'p-openai' ? ring.next(provider) : keys.next(provider),
      }),
    });
    const result = await c.call({ ranking: [{ model: 'alpha' }, { model: 'alpha-2' }, { model: 'beta' }], messages });
    expect(result.segments.map((s) => s.model)).toEqual(['alpha-2']);
    expect(kinds(log)).toEqual(['alpha:auth', 'alpha-2:ok']);
  });

  it('stops without falling back when the user cancels', async () => {
    server.faults.set([{ model: 'echo-small', wire: 'openai', fault: 'stall=200' }]);
    const controller = new AbortController();
    const { log, call } = caller();
    const pending = call({ signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const result = await pending;
    expect(result.error?.kind).toBe('aborted');
    expect(kinds(log)).toEqual(['alpha:aborted']);
  });
});

describe('a failure after tokens have streamed', () => {
  it('resumes with the next model, continuing the answer, when the policy says resume', async () => {
    server.faults.set([{ model: 'echo-small', wire: 'openai', fault: 'reset=3' }]);
    const { log, events, call } = caller({ policy: { midStream: 'resume', retries: 0 } });
    const result = await call();
    expect(result.complete).toBe(true);
    expect(result.segments).toEqual([
      { model: 'alpha', text: 'Echo from echo-small: ' },
      { model: 'beta', text: `Echo from echo-large: ${CONTINUE_PROMPT}` },
    ]);
    expect(result.text).toBe(result.segments.map((s) => s.text).join(''));
    expect(events).toContainEqual({ type: 'fallback', from: 'alpha', to: 'beta', resumed: true });
    expect(log.outcomes.map((o) => [o.kind, o.resumed])).toEqual([
      ['stream_cut', false],
      ['ok', true],
    ]);
    expect(log.outcomes[0]!.outputTokens).toBeGreaterThan(0); // the broken stream's output is still counted
  });

  it('stops, without falling back, once half a function call has been relayed', async () => {
    const args = { query: 'a question long enough to come in pieces' };
    server.scripts.set([{ toolCall: { name: 'search', arguments: args } }]);
    server.faults.set([{ model: 'echo-small', wire: 'openai', fault: 'cut=3' }]);
    const { log, events, call } = caller({ policy: { midStream: 'resume', retries: 1 } });
    const result = await call();
    server.scripts.set([]);
    expect(result.error?.kind).toBe('stream_cut');
    expect(kinds(log)).toEqual(['alpha:stream_cut']);
    expect(events.filter((e) => e.type === 'tool_call').map((e) => e.type === 'tool_call' && e.delta)).toEqual([
      { index: 0, id: 'call_test', name: 'search', arguments: '' },
      { index: 0, arguments: JSON.stringify(args).slice(0, Math.ceil(JSON.stringify(args).length / 3)) },
    ]);
    expect(events.filter((e) => e.type === 'failed')).toMatchObject([{ next: 'stop' }]);
  });

  it.each([
    ['cut=3', 'stream_cut'],
    ['content-filter-after=3', 'content_filter'],
  ])('stops and keeps the partial answer when the policy says stop (%s)', async (fault, kind) => {
    server.faults.set([{ model: 'echo-small', wire: 'openai', fault }]);
    const { log, events, call } = caller({ policy: { midStream: 'stop', retries: 1 } });
    const result = await call();
    expect(result.complete).toBe(false);
    expect(result.text).toBe('Echo from echo-small: ');
    expect(result.error?.kind).toBe(kind);
    expect(kinds(log)).toEqual([`alpha:${kind}`]);
    expect(events.filter((e) => e.type === 'failed')).toMatchObject([{ next: 'stop' }]);
  });
});

describe('the circuit breaker', () => {
  it('opens after repeated failures, skips the provider, and closes after a successful trial', async () => {
    let now = 1_000_000;
    const breaker = new CircuitBreaker({ threshold: 2, cooldownMs: 60_000, now: () => now });
    server.faults.set([{ wire: 'openai', fault: '500' }]);
    const { log, events, call } = caller({ breaker });
    await call();
    await call();
    expect(breaker.state('p-openai')).toBe('open');
    server.requests.splice(0);
    const third = await call();
    expect(third.segments.map((s) => s.model)).toEqual(['beta']);
    expect(events).toContainEqual({ type: 'skipped', model: 'alpha', reason: 'circuit_open' });
    expect(server.requests.some((r) => r.wire === 'openai')).toBe(false);

    now += 60_000;
    expect(breaker.state('p-openai')).toBe('half-open');
    server.faults.set([]);
    const fourth = await call();
    expect(fourth.segments.map((s) => s.model)).toEqual(['alpha']);
    expect(breaker.state('p-openai')).toBe('closed');
    expect(kinds(log).filter((k) => k.startsWith('alpha'))).toEqual(['alpha:server', 'alpha:server', 'alpha:ok']);
  });

  it('reopens when the half-open trial fails, and lets only one trial through', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ threshold: 1, cooldownMs: 100, now: () => now });
    breaker.failure('p');
    expect(breaker.tryAcquire('p')).toBe(false);
    now = 100;
    expect(breaker.tryAcquire('p')).toBe(true);
    expect(breaker.tryAcquire('p')).toBe(false);
    breaker.failure('p');
    expect(breaker.state('p')).toBe('open');
  });
});

describe('the spending guard', () => {
  it('refuses a call whose estimate would pass the daily budget, before any request', async () => {
    const log = new MemoryOutcomeLog();
    const guard = new SpendingGuard({ dailyUsd: 0.01 }, log);
    log.record(spentAttempt(0.0095, { model: 'alpha', provider: 'p-openai' }));
    const { call } = caller({ guard, sink: log });
    const result = await call();
    expect(result.error?.kind).toBe('budget');
    expect(result.error?.message).toMatch(/daily budget/);
    expect(server.requests).toHaveLength(0);
  });

  it('records what calls cost and refuses once the monthly budget is spent', async () => {
    const log = new MemoryOutcomeLog();
    // Each call reserves at most 24 input (16 bytes + 8) + 500 output tokens = $0.001024; the first costs $0.000016.
    const guard = new SpendingGuard({ monthlyUsd: 0.00103 }, log);
    const { call } = caller({ guard, sink: log, policy: { retries: 0, timeoutMs: 2000, defaultMaxTokens: 500 } });
    const first = await call();
    expect(first.complete).toBe(true);
    expect(await log.spent(0, Date.now() + 1)).toBeCloseTo(first.cost, 12);
    const second = await call();
    expect(second.error?.kind).toBe('budget');
    expect(second.error?.message).toMatch(/monthly budget/);
  });

  it('reserves atomically: 20 parallel calls against a daily budget that admits 5 make 5', async () => {
    const guard = new SpendingGuard({ dailyUsd: 0.005, monthlyUsd: 1 }, new MemoryOutcomeLog());
    const tries = await Promise.allSettled(Array.from({ length: 20 }, () => guard.reserve(0.001)));
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(5);
    const refusals = tries.flatMap((t) => (t.status === 'rejected' ? [t.reason as ProviderError] : []));
    expect(refusals.every((e) => e.kind === 'budget')).toBe(true);
  });
});

describe('budgets as hard caps', () => {
  const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

  it('sends max_tokens even when the caller set none: the cap the budget reserved', async () => {
    const { call } = caller({ policy: { retries: 0, timeoutMs: 2000, defaultMaxTokens: 321 } });
    await call();
    expect(server.requests.map((r) => r.maxTokens)).toEqual([321]);
  });

  it('stops a provider that ignores max_tokens at the cap, and counts no more than the cap', async () => {
    server.scripts.set([{ reply: long }]);
    const { c, log } = caller();
    const result = await c.call({ ranking, messages, maxTokens: 10 });
    server.scripts.set([]);
    expect(result.complete).toBe(true);
    expect(result.truncated).toBe(true);
    expect(result.text.startsWith('word0 word1')).toBe(true);
    expect(result.text.length).toBeLessThan(long.length / 2);
    expect(log.outcomes.map((o) => o.outputTokens)).toEqual([10]);
  });

  it("counts a streamed function call's arguments against the cap", async () => {
    server.scripts.set([{ toolCall: { name: 'search', arguments: { query: long } } }]);
    const { c, log } = caller();
    const result = await c.call({ ranking, messages, maxTokens: 10, onEvent: () => {} });
    server.scripts.set([]);
    expect(result.truncated).toBe(true);
    expect(log.outcomes.map((o) => o.outputTokens)).toEqual([10]);
  });

  it('keeps 50 parallel calls within the budget when the provider ignores max_tokens', async () => {
    server.scripts.set([{ reply: long }]);
    const log = new MemoryOutcomeLog();
    const guard = new SpendingGuard({ dailyUsd: 0.0005 }, log);
    const { c } = caller({ guard, sink: log, concurrency: 50 });
    const results = await Promise.all(Array.from({ length: 50 }, () => c.call({ ranking: [{ model: 'alpha' }], messages, maxTokens: 20 })));
    server.scripts.set([]);
    const spent = await log.spent(0, Date.now() + 1);
    expect(spent).toBeLessThanOrEqual(0.0005);
    expect(results.filter((r) => r.complete).length).toBeGreaterThan(5);
    expect(results.every((r) => r.complete || r.error?.kind === 'budget')).toBe(true);
    expect(spent).toBeCloseTo(
      results.reduce((n, r) => n + r.cost, 0),
      12,
    );
  });
});

describe('whole answers for callers that do not read the stream', () => {
  const budgeted = () => new SpendingGuard({ dailyUsd: 1 }, new MemoryOutcomeLog());

  it('calls the provider unstreamed when there is no budget, or when the provider is known to stop at max_tokens', async () => {
    const { c } = caller();
    expect((await c.call({ ranking, messages, stream: false })).text).toBe('Echo from echo-small: what is routing?');
    const trusted = caller({
      guard: budgeted(),
      endpoint: (provider) => ({ provider, wire: 'openai', baseUrl: `${server.url}/openai/v1`, key: 'sk-one-1111', capHonoured: true }),
    });
    await trusted.c.call({ ranking, messages, stream: false });
    expect(server.requests.map((r) => r.stream)).toEqual([false, false]);
  });

  it('streams under a budget from a provider not known to stop at max_tokens, so it can be stopped at the cap', async () => {
    server.scripts.set([{ reply: Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ') }]);
    const { c, log } = caller({ guard: budgeted() });
    const result = await c.call({ ranking, messages, stream: false, maxTokens: 10 });
    server.scripts.set([]);
    expect(server.requests.map((r) => r.stream)).toEqual([true]);
    expect(result.truncated).toBe(true);
    expect(log.outcomes.map((o) => o.outputTokens)).toEqual([10]);
  });
});

describe('accounting outside the provider call', () => {
  it('keeps the answer, counts its cost once and reports it when the sink and the release fail', async () => {
    const recorded: string[] = [];
    const sink = {
      record(o: { id: string }) {
        recorded.push(o.id);
        throw new Error('log disk full');
      },
    };
    const guard = { limited: true, reserve: async () => () => Promise.reject(new Error('Redis went away')) };
    const { events, call } = caller({ sink, guard });
    const result = await call();
    expect(result.complete).toBe(true);
    expect(result.text).toBe('Echo from echo-small: what is routing?');
    expect(result.outcomes.map((o) => o.kind)).toEqual(['ok']);
    expect(recorded).toHaveLength(1);
    expect(events.filter((e) => e.type === 'accounting_failed').map((e) => (e as { message: string }).message)).toEqual([
      'log disk full',
      'Redis went away',
    ]);
    expect(events.some((e) => e.type === 'failed' || e.type === 'fallback')).toBe(false);
  });
});

describe('the concurrency limit', () => {
  it('holds calls beyond the limit until one finishes', async () => {
    server.faults.set([{ wire: 'openai', fault: 'stall=30' }]);
    const { c } = caller({ concurrency: 1 });
    const spans: [number, number][] = [];
    const timed = async () => {
      let first = 0;
      await c.call({ ranking, messages, onEvent: (e) => void (e.type === 'token' && !first && (first = Date.now())) });
      spans.push([first, Date.now()]);
    };
    await Promise.all([timed(), timed()]);
    const [a, b] = spans.sort((x, y) => x[0] - y[0]);
    expect(b![0]).toBeGreaterThanOrEqual(a![1] - 5);
  });
});

describe('the key ring', () => {
  it("rotates a provider's keys round-robin", () => {
    const ring = new KeyRing({ p: ['k1', 'k2', 'k3'] });
    expect([1, 2, 3, 4, 5].map(() => ring.next('p'))).toEqual(['k1', 'k2', 'k3', 'k1', 'k2']);
    expect(ring.next('none')).toBeUndefined();
  });
});
