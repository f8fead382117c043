// The environment the modes' tests run in: three models on the local provider test server (one per wire
// format), called through the real provider layer, and the active router a real `rules` router (digits go to
// the dear model, the rest to the cheapest), so routed sub-queries land on different models.
import type { TestServer } from '../../test-server/server.ts';
import type { CatalogModel } from '../../src/core/catalog/model.ts';
import { RoutedCaller } from '../../src/core/providers/routed-call.ts';
import { decide } from '../../src/core/routers/decide.ts';
import { createRouter } from '../../src/core/routers/registry.ts';
import { completeVia } from '../../src/core/routers/routed-complete.ts';
import type { ModeEnv } from '../../src/core/modes/mode.ts';

const model = (id: string, provider: string, price: number): CatalogModel => ({
  id,
  provider,
  api_model: `echo-${id}`,
  input_price: price,
  output_price: price * 3,
  context_window: 8192,
  description: `the ${id} model`,
  strengths: [],
});

export const TEST_CATALOG = [model('small', 'p-openai', 0.1), model('mid', 'p-gemini', 1), model('large', 'p-anthropic', 10)];
const WIRES = {
  'p-openai': ['openai', '/openai/v1'],
  'p-anthropic': ['anthropic', '/anthropic/v1'],
  'p-gemini': ['gemini', '/gemini/v1beta'],
} as const;

/** The real provider layer over the test catalog's three providers on the test server, without retries. */
export function testCaller(server: TestServer): RoutedCaller {
  return new RoutedCaller({
    catalog: TEST_CATALOG,
    endpoint: (provider) => {
      const [wire, path] = WIRES[provider as keyof typeof WIRES];
      return { provider, wire, baseUrl: server.url + path, key: 'test-key' };
    },
    policy: { retries: 0, timeoutMs: 5000 },
  });
}

export async function testEnv(server: TestServer, extra: Partial<ModeEnv> = {}): Promise<ModeEnv> {
  const caller = testCaller(server);
  const ids = TEST_CATALOG.map((m) => m.id);
  const router = createRouter('rules', {
    rules: [{ name: 'numbers', when: { regex: '\\d' }, model: 'large' }],
    fallback: 'cheapest',
  });
  const outcomes = Object.fromEntries(ids.map((id) => [id, { score: 1, cost: 0.001 }]));
  await router.fit({ samples: [{ id: 'q', query: 'a question', outcomes }], embeddings: [], models: ids, catalog: TEST_CATALOG });
  return {
    models: TEST_CATALOG,
    complete: completeVia(caller),
    route: async (text) => decide((await router.predict({ text })).estimates, { lambda: 0.5 }),
    ...extra,
  };
}
