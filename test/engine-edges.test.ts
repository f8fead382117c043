// One conversation through the three edges of the engine (core/engine), the provider test server answering: the
// gateway (`llmrouter serve`, through the official openai client), `llmrouter chat --log`, and the app's request
// (src/app/chat/chat-request.ts) sent through the engine as the chat sends it (its browser parts, the routing and
// encoder workers, replaced by the same router file and encoder in Node). The three outcome records agree field by
// field, but for their ids, times and latencies, and the vector the Node logs leave out.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { chatRequest } from '../src/app/chat/chat-request.ts';
import { DEFAULT_LAMBDA } from '../src/core/routers/decide.ts';
import { answerWith } from '../src/core/engine/engine.ts';
import { engineRouter } from '../src/core/engine/router.ts';
import type { OutcomeRecord } from '../src/core/learn/outcome.ts';
import { emptyUserVector } from '../src/core/modes/personal.ts';
import { RoutedCaller } from '../src/core/providers/routed-call.ts';
import { providerDefinition } from '../src/core/providers/definitions.ts';
import { loadRouter } from '../src/core/routers/registry.ts';
import { createNodeEmbedder } from '../src/platform/node/encoder.ts';
import { parseConfig } from '../src/server/config.ts';
import { startGateway } from '../src/server/serve.ts';
import { CLIENT_TOKEN, PROVIDER_KEY, PYTHON_QUERY, client, testFolder, trainedRouterFile } from './helpers/gateway-fixture.ts';

const { dir } = testFolder();
const SYSTEM = 'Answer in one line.';
const WIRES = { openai: '/openai/v1', anthropic: '/anthropic/v1', google: '/gemini/v1beta' } as const;
const model = (id: string, provider: keyof typeof WIRES, api_model: string, price: number) => ({
  id,
  provider,
  api_model,
  input_price: price,
  output_price: 2 * price,
  context_window: 8192,
  description: id,
  strengths: [],
});
const catalog = [
  model('coder', 'openai', 'echo-small', 1),
  model('mathematician', 'anthropic', 'echo-large', 3),
  model('generalist', 'google', 'echo-large', 2),
];
let server: TestServer;
let routerFile: string;

beforeAll(async () => {
  server = await startTestServer();
  routerFile = await trainedRouterFile(dir);
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify({ models: catalog }));
}, 120_000);
afterAll(() => server.close());

/** The routed-call records of a JSONL log. */
const recordsIn = (file: string): OutcomeRecord[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((r) => r.type === 'routed-call');

async function throughGateway(): Promise<OutcomeRecord> {
  const log = join(dir, 'gateway.jsonl');
  const providers = Object.fromEntries(Object.entries(WIRES).map(([p, path]) => [p, { base_url: `${server.url}${path}` }]));
  const config = parseConfig({
    catalog: join(dir, 'catalog.json'),
    providers,
    api_keys: Object.fromEntries(Object.keys(WIRES).map((p) => [p, [PROVIDER_KEY]])),
    routers: { knn: { file: routerFile } },
    client_tokens: [CLIENT_TOKEN],
    log,
    server: { port: 0 },
  });
  const gateway = await startGateway(config);
  try {
    await client(gateway.url).chat.completions.create({
      model: 'router-knn',
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: PYTHON_QUERY },
      ],
    });
    await gateway.gateway.log!.flushed();
  } finally {
    await gateway.close();
  }
  return recordsIn(log)[0]!;
}

async function throughCli(): Promise<OutcomeRecord> {
  const log = join(dir, 'cli.jsonl');
  for (const p of Object.keys(WIRES)) process.env[`${p.toUpperCase()}_API_KEY`] = PROVIDER_KEY;
  const { main } = await import('../src/cli/main.ts');
  const urls = Object.entries(WIRES).flatMap(([p, path]) => ['--base-url', `${p}=${server.url}${path}`]);
  expect(
    await main([
      'chat',
      '--catalog',
      join(dir, 'catalog.json'),
      ...urls,
      '--router',
      routerFile,
      '--system',
      SYSTEM,
      '--log',
      log,
      PYTHON_QUERY,
    ]),
  ).toBe(0);
  return recordsIn(log)[0]!;
}

async function throughAppRequest(): Promise<OutcomeRecord> {
  const encoder = await createNodeEmbedder();
  const endpoint = (provider: string) => {
    const { wire, streamUsage } = providerDefinition(provider)!;
    return { provider, wire, streamUsage, baseUrl: server.url + WIRES[provider as keyof typeof WIRES], key: PROVIDER_KEY };
  };
  const caller = new RoutedCaller({ catalog, endpoint });
  const parts = {
    router: { ...engineRouter(loadRouter(JSON.parse(readFileSync(routerFile, 'utf8')))), name: 'knn' },
    encoder,
    caller,
    models: catalog,
  };
  const history = [{ role: 'user' as const, content: PYTHON_QUERY, id: 'm1', at: 1 }];
  const profile = { id: 'default', name: 'Default', vector: emptyUserVector(), calibration: [] };
  const request = chatRequest(
    {},
    history,
    { lambda: DEFAULT_LAMBDA, allowed: catalog.map((m) => m.id), profile },
    new AbortController().signal,
  );
  return (await answerWith(parts, { ...request, messages: [{ role: 'system', content: SYSTEM }, ...request.messages] })).record;
}

/** A record without what differs between two runs of the same call, nor the gateway's own client label. */
function comparable(record: OutcomeRecord & { client?: string }) {
  const { id: _id, callId: _callId, at: _at, latency_ms: _latency, embedding: _vector, client: _client, ...rest } = record;
  return { ...rest, path: rest.path.map(({ latencyMs: _ms, ...step }) => step) };
}

describe('one conversation through the app, the CLI and the gateway', () => {
  it('gives the same outcome record from each edge', async () => {
    const [gateway, cli, app] = [await throughGateway(), await throughCli(), await throughAppRequest()];
    expect(comparable(app)).toMatchObject({
      router: 'knn',
      chosen: 'coder',
      answeredBy: 'coder',
      query: PYTHON_QUERY,
      premium: { model: 'coder' },
    });
    expect(comparable(gateway)).toEqual(comparable(app));
    expect(comparable(cli)).toEqual(comparable(app));
    expect(Object.keys(comparable(gateway)).sort()).toEqual(Object.keys(comparable(cli)).sort());
    expect(gateway).toHaveProperty('client');
    expect(app.embedding).toHaveLength(512);
    for (const r of [gateway, cli, app]) expect(r.latency_ms).toBeGreaterThanOrEqual(r.path[0]!.latencyMs);
  }, 120_000);
});
