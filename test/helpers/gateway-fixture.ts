// What the gateway tests share: a knn router trained (real encoder) on two topics, each solved by its own
// model; a configuration pointing those models at the provider test server; a client for the gateway; the
// provider test server and a gateway started together for a test file; a chat request.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { createRouter } from '../../src/core/routers/registry.ts';
import { createNodeEmbedder } from '../../src/platform/node/encoder.ts';
import { parseConfig, type GatewayConfig } from '../../src/server/config.ts';
import { startGateway, type RunningGateway } from '../../src/server/serve.ts';
import { startTestServer, type TestServer } from '../../test-server/server.ts';
import { catalogModel } from './catalog-model.ts';
import { clusters } from './synthetic.ts';

export const CLIENT_TOKEN = 'client-token-13579';
export const PROVIDER_KEY = 'sk-provider-secret-97531';
export const PYTHON_QUERY = 'write a python function that sorts a list';
export const INTEGRAL_QUERY = 'what is the integral of a polynomial function';

/** Trains a router (knn by default) on queries about python (solved by `coder`) and integrals (solved by `mathematician`); returns its file. */
export async function trainedRouterFile(dir: string, name = 'knn', options: Record<string, unknown> = { k: 5 }): Promise<string> {
  const topics = ['python function that sorts a list', 'integral of a polynomial function'];
  const data = clusters(40);
  const samples = data.samples.map((s, i) => ({ ...s, query: `${topics[i % 2]} number ${i}` }));
  const encoder = await createNodeEmbedder();
  const router = createRouter(name, options);
  await router.fit({ samples, embeddings: await encoder.embed(samples.map((s) => s.query)), models: data.models });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(router.toJSON()));
  return file;
}

/** A gateway configuration over the test server at `url`; `extra` replaces top-level fields. */
export function gatewayConfig(url: string, routerFile: string, extra: Record<string, unknown> = {}): GatewayConfig {
  return parseConfig({
    models: [
      catalogModel('coder', 'test-openai', 'echo-small'),
      catalogModel('mathematician', 'test-anthropic', 'echo-large'),
      catalogModel('generalist', 'test-gemini', 'echo-large'),
    ],
    providers: {
      'test-openai': { base_url: `${url}/openai/v1`, wire: 'openai' },
      'test-anthropic': { base_url: `${url}/anthropic/v1`, wire: 'anthropic' },
      'test-gemini': { base_url: `${url}/gemini/v1beta`, wire: 'gemini' },
    },
    api_keys: { 'test-openai': [PROVIDER_KEY], 'test-anthropic': [PROVIDER_KEY], 'test-gemini': [PROVIDER_KEY] },
    routers: { knn: { file: routerFile } },
    client_tokens: [CLIENT_TOKEN],
    policy: { retries: 0, timeout_ms: 5000 },
    server: { port: 0 },
    ...extra,
  });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'llmrouter-gateway-'));
}

/** A temporary folder for one test file, its embedding cache inside (LLMROUTER_CACHE), and a log file's path there. */
export function testFolder(): { dir: string; logFile: string } {
  const dir = tempDir();
  process.env.LLMROUTER_CACHE = join(dir, 'embedding-cache');
  return { dir, logFile: join(dir, 'calls.jsonl') };
}

export function client(url: string, apiKey = CLIENT_TOKEN): OpenAI {
  return new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 });
}

/** What a gateway test file runs against: the provider test server, a gateway in front of it, an openai client for that. */
export interface GatewayUnderTest {
  server: TestServer;
  gateway: RunningGateway;
  openai: OpenAI;
}

/** Starts the provider test server and a gateway over a knn router trained in `dir`; `extra(routerFile)` adds to its configuration. */
export async function startGatewayUnderTest(
  dir: string,
  extra: (routerFile: string) => Record<string, unknown> = () => ({}),
): Promise<GatewayUnderTest> {
  const server = await startTestServer();
  const routerFile = await trainedRouterFile(dir);
  const gateway = await startGateway(gatewayConfig(server.url, routerFile, extra(routerFile)));
  return { server, gateway, openai: client(gateway.url) };
}

/** Closes what startGatewayUnderTest started; either may be missing when a start failed. */
export async function closeGatewayUnderTest({ server, gateway }: Partial<GatewayUnderTest>): Promise<void> {
  await gateway?.close();
  await server?.close();
}

/** A chat request of one user message to `model` (the knn router unless named). */
export const ask = (content: string, model = 'router-knn') => ({ model, messages: [{ role: 'user' as const, content }] });
