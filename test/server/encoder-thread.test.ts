// The gateway's encoder on a worker thread (src/platform/node/encoder-thread.ts): concurrent routed calls are each
// routed by their own query's vector, computed off the main thread and equal to the in-process encoder's; an encoder
// that cannot open fails routed calls with a 503 that says so while named-model calls go on; a worker that stops
// fails the calls waiting on it and the next routed call starts a new one.
import { threadId } from 'node:worker_threads';
import { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEmbedder } from '../../src/platform/node/encoder.ts';
import { EncoderThread } from '../../src/platform/node/encoder-thread.ts';
import { ENCODER_YOUNG_GENERATION_MB } from '../../src/server/gateway.ts';
import { startGateway, type RunningGateway } from '../../src/server/serve.ts';
import { startTestServer, type TestServer } from '../../test-server/server.ts';
import { INTEGRAL_QUERY, PYTHON_QUERY, client, gatewayConfig, testFolder, trainedRouterFile } from '../helpers/gateway-fixture.ts';

const { dir } = testFolder();
let server: TestServer;
let routerFile: string;
const opened: RunningGateway[] = [];

async function gateway(options: Parameters<typeof startGateway>[1] = {}): Promise<RunningGateway> {
  const running = await startGateway(gatewayConfig(server.url, routerFile), options);
  opened.push(running);
  return running;
}

const ask = (content: string, model = 'router-knn') => ({ model, messages: [{ role: 'user' as const, content }] });

beforeAll(async () => {
  server = await startTestServer();
  routerFile = await trainedRouterFile(dir);
}, 60_000);
afterAll(async () => {
  for (const g of opened) await g.close();
  await server?.close();
});

describe('the encoder on a worker thread', () => {
  it('routes concurrent calls each by its own query, with the vectors the in-process encoder gives', async () => {
    const running = await gateway();
    const queries = Array.from({ length: 8 }, (_, i) => `${i % 2 ? INTEGRAL_QUERY : PYTHON_QUERY} (question ${i})`);
    const answers = await Promise.all(queries.map((q) => client(running.url).chat.completions.create(ask(q)).withResponse()));
    answers.forEach(({ response }, i) => expect(response.headers.get('x-llmrouter-model')).toBe(i % 2 ? 'mathematician' : 'coder'));
    const encoder = await running.gateway.embedder();
    expect(encoder).toBeInstanceOf(EncoderThread);
    expect((encoder as EncoderThread).threadId).not.toBe(threadId);
    expect((encoder as EncoderThread).resourceLimits.maxYoungGenerationSizeMb).toBe(ENCODER_YOUNG_GENERATION_MB);
    const inProcess = await createNodeEmbedder();
    const [threaded, local] = await Promise.all([encoder.embed([queries[0]!]), inProcess.embed([queries[0]!])]);
    expect(Array.from(threaded[0]!)).toEqual(Array.from(local[0]!));
  });

  it('fails routed calls with a 503 naming the encoder when it cannot open, while named-model calls answer', async () => {
    const running = await gateway({ encoder: { model: dir } });
    const openai = client(running.url);
    const error = await openai.chat.completions.create(ask(PYTHON_QUERY)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(503);
    expect((error as APIError).message).toMatch(/router "knn": the encoder thread could not open the encoder: model file not found/);
    const named = await openai.chat.completions.create(ask(PYTHON_QUERY, 'coder'));
    expect(named.choices[0]!.message.content).toBe(`Echo from echo-small: ${PYTHON_QUERY}`);
  });

  it('fails the calls waiting on a worker that stops, and starts a new one for the next routed call', async () => {
    const running = await gateway();
    const first = (await running.gateway.embedder()) as EncoderThread;
    const waiting = first.embed([PYTHON_QUERY]);
    await first.close();
    await expect(waiting).rejects.toThrow(/the encoder thread stopped/);
    await expect(first.embed([PYTHON_QUERY])).rejects.toThrow(/the encoder thread stopped/);
    const { response } = await client(running.url).chat.completions.create(ask(INTEGRAL_QUERY)).withResponse();
    expect(response.headers.get('x-llmrouter-model')).toBe('mathematician');
    expect(await running.gateway.embedder()).not.toBe(first);
  });
});
