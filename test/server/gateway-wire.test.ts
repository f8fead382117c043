// What the gateway relays from the providers' wires, through the official openai client against the provider test
// server: function calls streamed as OpenAI tool_call deltas from each wire (OpenAI's and Anthropic's arguments in
// pieces, Gemini's calls whole), and answers that fail on every model ending as errors, never as `stop`.
import OpenAI, { APIError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-server/server.ts';
import { startGateway, type RunningGateway } from '../../src/server/serve.ts';
import { CLIENT_TOKEN, PYTHON_QUERY, client, gatewayConfig, testFolder, trainedRouterFile } from '../helpers/gateway-fixture.ts';

const { dir } = testFolder();
let server: TestServer;
let gateway: RunningGateway;
let openai: OpenAI;

beforeAll(async () => {
  server = await startTestServer();
  gateway = await startGateway(gatewayConfig(server.url, await trainedRouterFile(dir)));
  openai = client(gateway.url);
}, 60_000);
afterAll(async () => {
  await gateway?.close();
  await server?.close();
});
afterEach(() => {
  server.faults.set([]);
  server.scripts.set([]);
});

const ask = (content: string, model = 'router-knn') => ({ model, messages: [{ role: 'user' as const, content }] });

describe('streamed function calls', () => {
  const tools = ['search', 'lookup'].map((name) => ({
    type: 'function' as const,
    function: { name, parameters: { type: 'object', properties: { query: { type: 'string' } } } },
  }));
  const calls = [
    { name: 'search', arguments: { query: 'the integral of x squared, with "quotes" and ünïcode' } },
    { name: 'lookup', arguments: { query: 'a second call in the same answer' } },
  ];

  // coder speaks OpenAI's wire, mathematician Anthropic's, generalist Gemini's.
  it.each([
    ['coder', 'openai'],
    ['mathematician', 'anthropic'],
    ['generalist', 'gemini'],
  ])('relays %s (%s wire) calls as tool_call deltas as they stream, which the openai client puts together', async (model, wire) => {
    server.scripts.set([{ toolCalls: calls }]);
    const stream = openai.chat.completions.stream({ ...ask('find it', model), tools });
    const deltas: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    const finishes: (string | null)[] = [];
    for await (const part of stream) {
      deltas.push(...(part.choices[0]?.delta.tool_calls ?? []));
      finishes.push(part.choices[0]?.finish_reason ?? null);
    }
    const message = (await stream.finalChatCompletion()).choices[0]!.message;
    expect(message.tool_calls!.map((c) => c.type === 'function' && [c.function.name, JSON.parse(c.function.arguments)])).toEqual(
      calls.map((c) => [c.name, c.arguments]),
    );
    for (const index of [0, 1]) {
      const own = deltas.filter((d) => d.index === index);
      expect(own[0]).toMatchObject({ id: expect.any(String), type: 'function', function: { name: calls[index]!.name } });
      const pieces = own.filter((d) => d.function?.arguments);
      // OpenAI and Anthropic stream arguments in pieces, relayed as they come; Gemini's API sends each call whole.
      expect(pieces.length).toBe(wire === 'gemini' ? 1 : 3);
    }
    expect(finishes.filter(Boolean)).toEqual(['tool_calls']);
  });
});

describe('an answer that fails on every model', () => {
  it('ends a stream that had begun with an error event and the finish reason error, never stop', async () => {
    server.faults.set([{ fault: 'cut=3' }]);
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...ask(PYTHON_QUERY), stream: true }),
    });
    expect(response.status).toBe(200);
    const events = (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((e) => e.replace(/^data: /, ''));
    expect(events.at(-1)).toBe('[DONE]');
    const parsed = events.slice(0, -1).map((e) => JSON.parse(e));
    const error = parsed.find((e) => e.error)?.error;
    expect(error.message).toMatch(/^3 attempts failed: coder: stream_cut: .*the stream ended/);
    for (const model of ['mathematician', 'generalist']) expect(error.message).toContain(`${model}: stream_cut`);
    expect(parsed.flatMap((e) => e.choices?.map((c: { finish_reason: string | null }) => c.finish_reason) ?? []).filter(Boolean)).toEqual([
      'error',
    ]);

    server.faults.set([{ fault: 'cut=3' }]);
    let text = '';
    const failed = await (async () => {
      for await (const part of await openai.chat.completions.create({ ...ask(PYTHON_QUERY), stream: true }))
        text += part.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(text).toMatch(/^Echo from echo-small: /);
    expect(failed).toBeInstanceOf(APIError);
    expect((failed as APIError).message).toMatch(/attempts failed: coder: stream_cut/);
  });

  it('answers a whole answer with 502, naming every attempt', async () => {
    server.faults.set([{ fault: '500' }]);
    const error = (await openai.chat.completions.create(ask(PYTHON_QUERY)).catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/^502 3 attempts failed: coder: server: test-openai: HTTP 500/);
    for (const model of ['mathematician', 'generalist']) expect(error.message).toContain(`${model}: server: `);
  });
});
