// Function calling on the three wire formats against the local test server: the tools go out in each
// provider's shape, a function call comes back parsed (with the wire's id where it gives one), whole and
// streamed (arguments sent in pieces, each piece reported as it comes), and the call and its result go back in the
// history in the wire's shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-server/server.ts';
import { chat } from './client.ts';
import type { WireFormat } from './definitions.ts';
import type { ChatRequest, ToolCallDelta } from './types.ts';

let server: TestServer;
beforeAll(async () => void (server = await startTestServer()));
afterAll(() => server.close());

const paths: Record<WireFormat, string> = { openai: '/openai/v1', anthropic: '/anthropic/v1', gemini: '/gemini/v1beta' };
/** The id each wire gives a call (Gemini gives none). */
const ids: Record<WireFormat, { id?: string }> = { openai: { id: 'call_test' }, anthropic: { id: 'toolu_test' }, gemini: {} };
const tool = {
  name: 'call_model',
  description: 'ask a model',
  parameters: { type: 'object', properties: { model: { type: 'string' } }, required: ['model'] },
};
const request: ChatRequest = { model: 'echo-small', messages: [{ role: 'user', content: 'which model?' }], tools: [tool] };

describe.each(['openai', 'anthropic', 'gemini'] as const)('%s wire', (wire) => {
  const endpoint = () => ({ provider: `test-${wire}`, wire, baseUrl: server.url + paths[wire], key: 'k', streamUsage: true });

  it('sends the tools and reads a function call, whole and streamed', async () => {
    server.scripts.set([{ toolCall: { name: 'call_model', arguments: { model: 'echo-large', note: 'a "quoted" word' } } }]);
    server.requests.splice(0);
    const whole = await chat(endpoint(), request);
    const streamed = await chat(endpoint(), request, { onToken: () => {} });
    for (const r of [whole, streamed]) {
      expect(r.toolCalls).toEqual([{ ...ids[wire], name: 'call_model', arguments: { model: 'echo-large', note: 'a "quoted" word' } }]);
      expect(r.text).toBe('');
    }
    expect(server.requests.map((q) => q.tools)).toEqual([1, 1]);
  });

  it('sends a call and its result back in the history, and the tool choice', async () => {
    server.scripts.set([{ toolCall: { name: 'call_model', arguments: { model: 'echo-large' } } }]);
    const asked = await chat(endpoint(), { ...request, toolChoice: { name: 'call_model' } });
    const history: ChatRequest['messages'] = [
      ...request.messages,
      { role: 'assistant', content: '', toolCalls: asked.toolCalls },
      { role: 'tool', content: '42', toolCallId: asked.toolCalls![0]!.id },
    ];
    const answered = await chat(endpoint(), { ...request, messages: history, toolChoice: 'auto' }, { onToken: () => {} });
    expect(answered.text).toBe('Echo from echo-small: the tool said 42');
    expect(answered.toolCalls).toBeUndefined();
  });

  it('reports each piece of streamed calls as it comes, numbered by call, and puts them together', async () => {
    const calls = [
      { name: 'call_model', arguments: { model: 'echo-large', note: 'first of two' } },
      { name: 'search', arguments: { query: 'ünïcode "quoted"' } },
    ];
    server.scripts.set([{ toolCalls: calls }]);
    const deltas: ToolCallDelta[] = [];
    const r = await chat(endpoint(), request, { onToken: () => {}, onToolCall: (d) => deltas.push(d) });
    for (const [index, call] of calls.entries()) {
      const own = deltas.filter((d) => d.index === index);
      expect(own[0]).toMatchObject({ name: call.name, ...(index === 0 ? ids[wire] : {}) });
      expect(own.slice(1).every((d) => d.name === undefined && d.id === undefined)).toBe(true);
      expect(JSON.parse(own.map((d) => d.arguments ?? '').join(''))).toEqual(call.arguments);
      // OpenAI and Anthropic stream the arguments in pieces; Gemini sends each call whole.
      expect(own.filter((d) => d.arguments).length).toBe(wire === 'gemini' ? 1 : 3);
    }
    expect(deltas.map((d) => d.index)).toEqual([...deltas.map((d) => d.index)].sort());
    expect(r.toolCalls?.map((c) => c.arguments)).toEqual(calls.map((c) => c.arguments));
  });

  it('leaves toolCalls out of an ordinary answer', async () => {
    server.scripts.set([]);
    const r = await chat(endpoint(), request, { onToken: () => {} });
    expect(r.toolCalls).toBeUndefined();
    expect(r.text).toBe('Echo from echo-small: which model?');
  });
});
