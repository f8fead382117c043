// What the gateway relays from the providers' wires, through the official openai client against the provider test
// server: function calls streamed as OpenAI tool_call deltas from each wire (OpenAI's and Anthropic's arguments in
// pieces, Gemini's calls whole), image parts routed only among models that read images and sent in each wire's
// shape (hostile ones refused before any provider call), and answers that fail on every model ending as errors.
import OpenAI, { APIError } from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../../test-server/server.ts';
import type { RunningGateway } from '../../src/server/serve.ts';
import { CLIENT_TOKEN, PYTHON_QUERY, ask, closeGatewayUnderTest, startGatewayUnderTest, testFolder } from '../helpers/gateway-fixture.ts';
import { catalogModel } from '../helpers/catalog-model.ts';
import type { CatalogModel } from '../../src/core/catalog/model.ts';

const { dir } = testFolder();
let server: TestServer;
let gateway: RunningGateway;
let openai: OpenAI;

const images = { input_modalities: ['text', 'image'] } satisfies Partial<CatalogModel>;

// coder reads text only; the others (viewer, named only directly, on OpenAI's wire) read images too.
const models = [
  catalogModel('coder', 'test-openai', 'echo-small'),
  catalogModel('viewer', 'test-openai', 'echo-large', images),
  catalogModel('mathematician', 'test-anthropic', 'echo-large', images),
  catalogModel('generalist', 'test-gemini', 'echo-large', images),
];
const routers = (file: string) => ({ knn: { file }, 'knn-text': { file, allowed: ['coder'] } });

beforeAll(
  async () => void ({ server, gateway, openai } = await startGatewayUnderTest(dir, (file) => ({ models, routers: routers(file) }))),
  60_000,
);
afterAll(() => closeGatewayUnderTest({ server, gateway }));
afterEach(() => {
  server.faults.set([]);
  server.scripts.set([]);
});

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

describe('image parts', () => {
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  const PNG_BYTES = Buffer.from(PNG, 'base64').length;
  const withImages = (text: string, model: string, ...urls: string[]) => ({
    model,
    messages: [
      {
        role: 'user' as const,
        content: [{ type: 'text' as const, text }, ...urls.map((url) => ({ type: 'image_url' as const, image_url: { url } }))],
      },
    ],
  });
  const sent = () => server.requests.flatMap((r) => r.images ?? []);
  beforeEach(() => void server.requests.splice(0));

  it('routes a message with an image only among models that read images; the router reads its text', async () => {
    const plain = await openai.chat.completions.create(ask(PYTHON_QUERY)).withResponse();
    expect(plain.response.headers.get('x-llmrouter-model')).toBe('coder');
    const { data, response } = await openai.chat.completions
      .create(withImages(PYTHON_QUERY, 'router-knn', `data:image/png;base64,${PNG}`))
      .withResponse();
    expect(['mathematician', 'generalist']).toContain(response.headers.get('x-llmrouter-model'));
    expect(data.choices[0]!.message.content).toBe(`Echo from echo-large: ${PYTHON_QUERY}`);
    const estimates = (data as unknown as { llmrouter: { estimates: { model: string }[] } }).llmrouter.estimates;
    expect(estimates.map((e) => e.model).sort()).toEqual(['generalist', 'mathematician']);
    expect(sent()).toEqual([`base64 image/png ${PNG_BYTES}`]);
  });

  it.each([
    ['viewer', 'openai'],
    ['mathematician', 'anthropic'],
    ['generalist', 'gemini'],
  ])('sends images to %s in the %s wire format, streamed too', async (name) => {
    const urls = [`data:image/png;base64,${PNG}`, 'https://example.com/photo.jpg'];
    await openai.chat.completions.create(withImages('what is in these?', name, ...urls));
    let text = '';
    for await (const part of await openai.chat.completions.create({ ...withImages('and now?', name, ...urls), stream: true }))
      text += part.choices[0]?.delta.content ?? '';
    expect(text).toBe('Echo from echo-large: and now?');
    const url = name === 'generalist' ? 'url https://example.com/photo.jpg image/jpeg' : 'url https://example.com/photo.jpg';
    expect(sent()).toEqual([`base64 image/png ${PNG_BYTES}`, url, `base64 image/png ${PNG_BYTES}`, url]);
  });

  it('answers 400 naming the problem when no model it may use reads images', async () => {
    const image = `data:image/png;base64,${PNG}`;
    await expect(openai.chat.completions.create(withImages('hi', 'coder', image))).rejects.toMatchObject({
      status: 400,
      code: 'images_not_supported',
      message: expect.stringMatching(/coder does not read images/),
    });
    await expect(openai.chat.completions.create(withImages('hi', 'router-knn-text', image))).rejects.toMatchObject({
      status: 400,
      code: 'images_not_supported',
      message: expect.stringMatching(/none of the models it may use reads images .*: coder/),
    });
    await expect(openai.chat.completions.create(withImages('hi', 'router-knn+cascade', image))).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/cascade mode .* passes no images/),
    });
    await expect(openai.chat.completions.create(withImages('hi', 'generalist', 'https://example.com/render'))).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/Gemini needs an image URL's type/),
    });
    expect(sent()).toEqual([]);
  });

  it.each([
    ['an SVG', `data:image/svg+xml;base64,${Buffer.from('<svg onload="alert(1)"/>').toString('base64')}`, /must be one of image\/png/],
    ['HTML labelled PNG', `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}`, /is not one/],
    ['a javascript: URL', 'javascript:alert(1)', /must be http\(s\) or a data: URL/],
    ['a file: URL', 'file:///etc/passwd', /must be http\(s\)/],
    ['an image past the size cap', `data:image/png;base64,${PNG}${'A'.repeat(7_000_000)}`, /larger than 5242880 bytes/],
  ])('refuses %s with 400 naming the part, before any provider call', async (_name, url, why) => {
    const error = (await openai.chat.completions.create(withImages('look', 'router-knn', url)).catch((e: unknown) => e)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/messages\.0\.content\.1: /);
    expect(error.message).toMatch(why);
    expect(server.requests).toEqual([]);
  });

  it('refuses images outside user messages and more than 20 in a request', async () => {
    const image = { type: 'image_url' as const, image_url: { url: `data:image/png;base64,${PNG}` } };
    const inSystem = {
      model: 'viewer',
      messages: [
        { role: 'system', content: [image] },
        { role: 'user', content: 'hi' },
      ],
    };
    await expect(openai.chat.completions.create(inSystem as never)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/messages\.0\.content: only user messages may carry images/),
    });
    const many = withImages('hi', 'viewer', ...Array.from({ length: 21 }, () => image.image_url.url));
    await expect(openai.chat.completions.create(many)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/at most 20/) });
    expect(server.requests).toEqual([]);
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
