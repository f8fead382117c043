// automix and llm-router over real HTTP: the provider layer's RoutedCaller against the local test server
// (port 5302), whose models echo the last user message. Echoes never say "yes", so self-verification
// escalates; they always repeat themselves, so self-consistency keeps the small model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-server/server.ts';
import { RoutedCaller } from '../providers/routed-call.ts';
import { decide } from './decide.ts';
import { createRouter } from './registry.ts';
import { completeVia } from './routed-complete.ts';
import type { CatalogModel } from '../catalog/model.ts';
import type { TrainingData } from './router.ts';

let server: TestServer;
beforeAll(async () => void (server = await startTestServer({ port: 5302 })));
afterAll(() => server.close());

const model = (id: string, provider: string, api_model: string, price: number): CatalogModel => ({
  id,
  provider,
  api_model,
  input_price: price,
  output_price: price,
  context_window: 8192,
  description: `the ${id} model`,
  strengths: [],
});
const catalog = [model('small', 'p-openai', 'echo-small', 0.1), model('large', 'p-anthropic', 'echo-large', 10)];
const wires = { 'p-openai': ['openai', '/openai/v1'], 'p-anthropic': ['anthropic', '/anthropic/v1'] } as const;

function complete() {
  const caller = new RoutedCaller({
    catalog,
    endpoint: (provider) => {
      const [wire, path] = wires[provider as keyof typeof wires];
      return { provider, wire, baseUrl: server.url + path, key: 'test-key' };
    },
    policy: { retries: 0, timeoutMs: 5000 },
  });
  return completeVia(caller);
}

const samples = ['what is 2+2?', 'name a prime'].map((query, i) => ({
  id: `q${i}`,
  query,
  outcomes: { small: { score: i % 2, cost: 0.0001 }, large: { score: 1, cost: 0.01 } },
}));
const data: TrainingData = { samples, embeddings: [], models: ['small', 'large'], catalog };

describe('provider-calling routers over HTTP', () => {
  it('automix: verification by the small model escalates when it does not confirm its answer', async () => {
    server.requests.splice(0);
    const r = createRouter('automix', { small: 'small', large: 'large', samples: 3 }, { complete: complete() });
    await r.fit(data);
    const p = await r.predict({ text: 'what is routing?' });
    expect(decide(p.estimates, { lambda: 0 }).model).toBe('large');
    expect(p.explanation.features).toMatchObject({ verification: 0, small_answer: 'Echo from echo-small: what is routing?' });
    expect(p.explanation.features!.routing_cost).toBeGreaterThan(0);
    expect(server.requests.map((q) => q.model)).toEqual(['echo-small', 'echo-small', 'echo-small', 'echo-small']);
  });

  it('automix: self-consistency keeps the small model when its answers agree', async () => {
    const r = createRouter('automix', { small: 'small', large: 'large', policy: 'self-consistency', samples: 3 }, { complete: complete() });
    await r.fit(data);
    const p = await r.predict({ text: 'what is routing?' });
    expect(p.explanation.features).toMatchObject({ verification: 1 });
    expect(decide(p.estimates, { lambda: 0 }).model).toBe('small');
  });

  it('llm-router: the judge is called through its provider with every model described', async () => {
    server.requests.splice(0);
    const r = createRouter('llm-router', { judge: 'large' }, { complete: complete() });
    await r.fit(data);
    const p = await r.predict({ text: 'what is routing?' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ wire: 'anthropic', model: 'echo-large', keyed: true });
    expect(String(p.explanation.features!.judge_reply)).toMatch(/^Echo from echo-large: Models:\n- small: the small model/);
  });

  it('a failing provider surfaces as an error naming the model', async () => {
    server.faults.set([{ model: 'echo-small', fault: '500' }]);
    const r = createRouter('automix', { small: 'small', large: 'large' }, { complete: complete() });
    await r.fit(data);
    try {
      await expect(r.predict({ text: 'x' })).rejects.toThrow(/^small: /);
    } finally {
      server.faults.set([]);
    }
  });
});
