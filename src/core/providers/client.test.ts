// The three wire clients against the local test server: streamed and whole answers, usage, every error
// kind from each provider's real error bodies, cut, filtered and malformed streams, timeouts and cancellation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-server/server.ts';
import { chat, listModels } from './client.ts';
import { testConnection } from './test-connection.ts';
import { ProviderError } from './errors.ts';
import type { WireFormat } from './definitions.ts';
import type { CallOptions, ChatRequest, Endpoint } from './types.ts';

let server: TestServer;
beforeAll(async () => void (server = await startTestServer()));
afterAll(() => server.close());

const KEY = 'sk-test-0123456789abcdef';
const paths: Record<WireFormat, string> = { openai: '/openai/v1', anthropic: '/anthropic/v1', gemini: '/gemini/v1beta' };
const endpoint = (wire: WireFormat, key: string | undefined = KEY): Endpoint => ({
  provider: `test-${wire}`,
  wire,
  baseUrl: server.url + paths[wire],
  key,
  streamUsage: true,
});
const request: ChatRequest = {
  model: 'echo-small',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'hello there, router' },
  ],
};
const withFault = (fault: string, options: CallOptions = {}): CallOptions => ({
  ...options,
  fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-fault': fault } }),
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('the call succeeded but should have failed');
}

describe.each(['openai', 'anthropic', 'gemini'] as const)('%s wire', (wire) => {
  it('streams an answer piece by piece with the usage the provider reported', async () => {
    const tokens: string[] = [];
    const result = await chat(endpoint(wire), request, { onToken: (t) => tokens.push(t) });
    expect(result.text).toBe('Echo from echo-small: hello there, router');
    expect(tokens.length).toBe(6);
    expect(tokens.join('')).toBe(result.text);
    expect(result.usage).toEqual({ inputTokens: Math.ceil('Be brief.hello there, router'.length / 4), outputTokens: 6, estimated: false });
  });

  it('answers a whole (non-streamed) call', async () => {
    const result = await chat(endpoint(wire), request);
    expect(result.text).toBe('Echo from echo-small: hello there, router');
    expect(result.usage.outputTokens).toBe(6);
    expect(result.usage.estimated).toBe(false);
  });

  it('lists models as its test-connection call', async () => {
    expect(await listModels(endpoint(wire))).toEqual(['echo-small', 'echo-large']);
  });

  it('reports an invalid key as auth, without the key in the message', async () => {
    const badKey = 'bad-key-9f8e7d6c5b4a';
    const e = await failure(chat(endpoint(wire, badKey), request, { onToken: () => {} }));
    expect(e.kind).toBe('auth');
    expect(e.message).not.toContain(badKey);
    expect(e.canFallBack).toBe(true);
  });

  it('reports 429 as a rate limit with its Retry-After', async () => {
    const e = await failure(chat(endpoint(wire), request, withFault('429;retry-after=2', { onToken: () => {} })));
    expect([e.kind, e.details.status, e.details.retryAfterMs, e.retryable]).toEqual(['rate_limit', 429, 2000, true]);
  });

  it('reports 500 and 503 as server errors', async () => {
    for (const status of [500, 503]) expect((await failure(chat(endpoint(wire), request, withFault(String(status))))).kind).toBe('server');
  });

  it('reports a context overflow and a content filter by their own kinds', async () => {
    expect((await failure(chat(endpoint(wire), request, withFault('context')))).kind).toBe('context_length');
    expect((await failure(chat(endpoint(wire), request, withFault('content-filter')))).kind).toBe('content_filter');
  });

  it('reports a connection reset before the answer as a network error', async () => {
    expect((await failure(chat(endpoint(wire), request, withFault('reset', { onToken: () => {} })))).kind).toBe('network');
  });

  it('reports a stream reset or ended halfway as cut, after the pieces that arrived', async () => {
    for (const fault of ['reset=3', 'cut=3']) {
      const tokens: string[] = [];
      const e = await failure(chat(endpoint(wire), request, withFault(fault, { onToken: (t) => tokens.push(t) })));
      expect(e.kind).toBe('stream_cut');
      expect(tokens.join('')).toBe('Echo from echo-small: ');
    }
  });

  it("reports an answer the provider's safety filter stopped as content_filter, after the pieces that arrived", async () => {
    const reason = { openai: 'finish_reason content_filter', anthropic: 'stop_reason refusal', gemini: 'finishReason SAFETY' }[wire];
    const tokens: string[] = [];
    const e = await failure(chat(endpoint(wire), request, withFault('content-filter-after=3', { onToken: (t) => tokens.push(t) })));
    expect([e.kind, e.canFallBack]).toEqual(['content_filter', true]);
    expect(e.message).toContain(reason);
    expect(tokens.join('')).toBe('Echo from echo-small: ');
    const whole = await failure(chat(endpoint(wire), request, withFault('content-filter-after=3')));
    expect([whole.kind, whole.message]).toEqual(['content_filter', e.message]);
  });

  it('reports malformed JSON, streamed or whole, as malformed', async () => {
    expect((await failure(chat(endpoint(wire), request, withFault('malformed', { onToken: () => {} })))).kind).toBe('malformed');
    expect((await failure(chat(endpoint(wire), request, withFault('malformed')))).kind).toBe('malformed');
  });

  it('times out before the headers and between stream pieces', async () => {
    expect((await failure(chat(endpoint(wire), request, withFault('latency=400', { timeoutMs: 100 })))).kind).toBe('timeout');
    const tokens: string[] = [];
    const e = await failure(chat(endpoint(wire), request, withFault('stall=300', { timeoutMs: 150, onToken: (t) => tokens.push(t) })));
    expect(e.kind).toBe('timeout');
    expect(tokens.length).toBeGreaterThan(0);
  });

  it('is cancelled by its AbortSignal mid-stream', async () => {
    const controller = new AbortController();
    const e = await failure(
      chat(endpoint(wire), request, withFault('stall=50', { signal: controller.signal, onToken: () => controller.abort() })),
    );
    expect(e.kind).toBe('aborted');
    expect(e.canFallBack).toBe(false);
  });
});

describe('OpenAI-compatible servers', () => {
  it('call a local server with no key', async () => {
    const result = await chat({ provider: 'ollama', wire: 'openai', baseUrl: `${server.url}/local/v1` }, request, { onToken: () => {} });
    expect(result.text).toContain('hello there');
    expect(server.requests.at(-1)).toMatchObject({ path: '/local/v1/chat/completions', keyed: false });
  });

  it('estimate usage when the stream reports none', async () => {
    const result = await chat({ ...endpoint('openai'), streamUsage: false }, request, { onToken: () => {} });
    expect(result.usage).toEqual({
      inputTokens: Math.ceil('Be brief.\nhello there, router'.length / 4),
      outputTokens: Math.ceil(result.text.length / 4),
      estimated: true,
    });
  });

  it('reject a missing key as auth', async () => {
    expect((await failure(listModels({ ...endpoint('openai'), key: undefined }))).kind).toBe('auth');
  });
});

describe('a server that is not there', () => {
  it('is a network error naming the provider', async () => {
    const e = await failure(chat({ provider: 'nowhere', wire: 'openai', baseUrl: 'http://127.0.0.1:9/v1', key: KEY }, request));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/^nowhere: /);
    expect(e.message).not.toContain(KEY);
  });
});

describe('testConnection', () => {
  it('reports the models on success and the error kind, key-free, on failure', async () => {
    expect(await testConnection(endpoint('anthropic'))).toMatchObject({ ok: true, models: ['echo-small', 'echo-large'] });
    const report = await testConnection(endpoint('gemini', 'bad-gemini-key-1234'));
    expect(report).toMatchObject({ ok: false, kind: 'auth' });
    expect(JSON.stringify(report)).not.toContain('bad-gemini-key-1234');
  });
});
