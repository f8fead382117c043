// The pipeline's run over real HTTP (provider test server in fixture mode, real RoutedCaller): a failing model's
// pairs are recorded as its failures and never answered by another model; at most `concurrency` calls per provider
// are in flight; cancelling stops cleanly; a rerun of the plan skips what is done and retries what failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-server/server.ts';
import { BenchmarkFixture } from '../../../test-server/benchmark-fixture.ts';
import { RoutedCaller, type RoutedCallRequest } from '../providers/routed-call.ts';
import { completeVia } from '../routers/routed-complete.ts';
import type { CatalogModel } from '../catalog/model.ts';
import type { BenchmarkItem } from './benchmark-item.ts';
import { planRun } from './plan.ts';
import type { PipelineResult, ResultStore } from './result.ts';
import { runPipeline } from './run.ts';
import { DEFAULT_TASKS } from './tasks.ts';

const model = (id: string, provider: string): CatalogModel => ({
  id,
  provider,
  api_model: id,
  input_price: 1,
  output_price: 2,
  context_window: 8192,
  description: id,
  strengths: [],
});
const models = [model('good-a', 'alpha'), model('good-b', 'alpha'), model('broken', 'beta')];
const judge = model('judge', 'gamma');
const openQuestion: BenchmarkItem = {
  id: 'open1',
  task: 'advice',
  query: 'How should I store fresh basil?',
  ground_truth: 'Like cut flowers, in water at room temperature.',
  metric: 'llm_judge',
};
const items: BenchmarkItem[] = Array.from({ length: 6 }, (_, i) => ({
  id: `q${i}`,
  task: 'gsm8k',
  query: `What is ${i} plus ${i}?`,
  ground_truth: `#### ${2 * i}`,
  metric: 'GSM8K',
}));
let server: TestServer;

beforeAll(async () => {
  const entries = items.flatMap((item, i) => [
    { model: 'good-a', match: item.query, answer: `#### ${2 * i}`, score: 1 },
    { model: 'good-b', match: item.query, answer: `#### ${2 * i + 1}`, score: 0 },
    { model: 'broken', match: item.query, answer: 'never sent', fault: '500' },
  ]);
  entries.push({ model: 'good-a', match: openQuestion.query, answer: 'Keep it in a glass of water on the counter.', score: 1 });
  entries.push({ model: 'judge', match: openQuestion.query, answer: 'The answer matches the reference closely. Rating: [[8]]', score: 1 });
  server = await startTestServer({ fixture: new BenchmarkFixture({ entries }) });
});
afterAll(() => server.close());

function memoryStore(records: PipelineResult[] = []): ResultStore & { records: PipelineResult[] } {
  return { records, load: async () => [...records], append: async (r) => void records.push(r) };
}

/** The real caller, counting calls in flight per provider. */
function countingCaller() {
  const caller = new RoutedCaller({
    catalog: [...models, judge],
    endpoint: (provider) => ({ provider, wire: 'openai', baseUrl: `${server.url}/local/v1` }),
    policy: { retries: 0 },
    concurrency: 16,
  });
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();
  return {
    peak,
    async call(request: RoutedCallRequest) {
      const provider = [...models, judge].find((m) => m.id === request.ranking[0]!.model)!.provider;
      inFlight.set(provider, (inFlight.get(provider) ?? 0) + 1);
      peak.set(provider, Math.max(peak.get(provider) ?? 0, inFlight.get(provider)!));
      try {
        return await caller.call(request);
      } finally {
        inFlight.set(provider, inFlight.get(provider)! - 1);
      }
    },
  };
}

describe('runPipeline', () => {
  it('records a failing model as failing, scores the others, and keeps per-provider concurrency', async () => {
    const store = memoryStore();
    const caller = countingCaller();
    const summary = await runPipeline({ plan: planRun(items, models, DEFAULT_TASKS, []), caller, store, concurrency: 2 });
    expect(summary).toMatchObject({ stopped: 'complete', done: 12, total: 18, failed: 6 });
    const broken = store.records.filter((r) => r.model === 'broken');
    expect(broken.map((r) => r.status)).toEqual(Array(6).fill('failed'));
    // a 500 each time, until the provider's circuit breaker opens and skips the rest: still this model's failures
    expect(new Set(broken.map((r) => r.error?.kind))).toEqual(new Set(['server', 'circuit_open']));
    expect(broken.every((r) => r.response === undefined && r.score === undefined)).toBe(true);
    expect(store.records.filter((r) => r.model === 'good-a').map((r) => r.score)).toEqual(Array(6).fill(1));
    expect(store.records.filter((r) => r.model === 'good-b').map((r) => r.score)).toEqual(Array(6).fill(0));
    expect(caller.peak.get('alpha')).toBe(2);
    expect(caller.peak.get('beta')).toBeLessThanOrEqual(2);
    // The failing model's calls went to it alone: no request for another model carries its queries twice.
    expect(server.requests.filter((r) => r.model === 'good-a').length).toBe(6);

    const rerun = planRun(items, models, DEFAULT_TASKS, store.records);
    expect(rerun).toMatchObject({ done: 12, retrying: 6 });
    expect(rerun.jobs.every((j) => j.model.id === 'broken')).toBe(true);
  });

  it('scores open answers with a judge model, adding its cost to the pair', async () => {
    const store = memoryStore();
    const caller = countingCaller();
    const summary = await runPipeline({
      plan: planRun([openQuestion], models.slice(0, 1), DEFAULT_TASKS, []),
      caller,
      store,
      scoring: { judge: { complete: completeVia(caller), model: 'judge' } },
    });
    expect(summary.stopped).toBe('complete');
    const [result] = store.records;
    expect(result!.error).toBeUndefined();
    expect(result!.score).toBeCloseTo(7 / 9, 10);
    expect(result!.cost).toBeGreaterThan((result!.input_tokens! * 1 + result!.output_tokens! * 2) / 1e6);
  });

  it('stops cleanly when cancelled, writing nothing half-done', async () => {
    const store = memoryStore();
    const abort = new AbortController();
    abort.abort();
    const summary = await runPipeline({
      plan: planRun(items, models, DEFAULT_TASKS, []),
      caller: countingCaller(),
      store,
      signal: abort.signal,
    });
    expect(summary.stopped).toBe('cancelled');
    expect(store.records).toEqual([]);
  });

  it('stops at the budget before passing it', async () => {
    const store = memoryStore();
    const plan = planRun(items, models.slice(0, 1), DEFAULT_TASKS, []);
    // Each call reserves its worst case (about $0.002: 1000 output tokens at $2/M); answers cost far less.
    const summary = await runPipeline({ plan, caller: countingCaller(), store, budgetUsd: 0.0021, maxTokens: 1000, concurrency: 1 });
    expect(summary.stopped).toBe('budget');
    expect(summary.reason).toMatch(/^the run's budget: the next call could cost up to \$0\.00/);
    expect(store.records.length).toBeGreaterThan(0);
    expect(store.records.length).toBeLessThan(6);
    expect(store.records.reduce((s, r) => s + r.cost, 0)).toBeLessThanOrEqual(0.0021);
  });
});
