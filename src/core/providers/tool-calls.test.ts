// Function calling on the three wire formats against the local test server: the tools go out in each
// provider's shape, and a function call comes back parsed, whole and streamed (arguments sent in pieces).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-server/server.ts';
import { chat } from './client.ts';
import type { WireFormat } from './definitions.ts';
import type { ChatRequest } from './types.ts';

let server: TestServer;
beforeAll(async () => void (server = await startTestServer()));
afterAll(() => server.close());

const paths: Record<WireFormat, string> = { openai: '/openai/v1', anthropic: '/anthropic/v1', gemini: '/gemini/v1beta' };
const tool = { name: 'call_model', description: 'ask a model', parameters: { type: 'object', properties: { model: { type: 'string' } }, required: ['model'] } };
const request: ChatRequest = { model: 'echo-small', messages: [{ role: 'user', content: 'which model?' }], tools: [tool] };

describe.each(['openai', 'anthropic', 'gemini'] as const)('%s wire', (wire) => {
  const endpoint = () => ({ provider: `test-${wire}`, wire, baseUrl: server.url + paths[wire], key: 'k', streamUsage: true });

  it('sends the tools and reads a function call, whole and streamed', async () => {
    server.scripts.set([{ toolCall: { name: 'call_model', arguments: { model: 'echo-large', note: 'a "quoted" word' } } }]);
    server.requests.splice(0);
    const whole = await chat(endpoint(), request);
    const streamed = await chat(endpoint(), request, { onToken: () => {} });
    for (const r of [whole, streamed]) {
      expect(r.toolCalls).toEqual([{ name: 'call_model', arguments: { model: 'echo-large', note: 'a "quoted" word' } }]);
      expect(r.text).toBe('');
    }
    expect(server.requests.map((q) => q.tools)).toEqual([1, 1]);
  });

  it('leaves toolCalls out of an ordinary answer', async () => {
    server.scripts.set([]);
    const r = await chat(endpoint(), request, { onToken: () => {} });
    expect(r.toolCalls).toBeUndefined();
    expect(r.text).toBe('Echo from echo-small: which model?');
  });
});
