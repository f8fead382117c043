// The engine against the provider test server through the real provider layer: the events of one answer in order
// and its record (wall-clock latency, the fallback path, the premium alternative), the context policy deciding what
// the model receives and what the router reads, a profile's shift changing the decision, a multi-call mode recorded
// with every call it made, a direct call, a routing failure surfacing as a RoutingError, images answered only by a
// model that reads them, function calls streamed as events, an answer failed on every model ending as an error, and
// answerWith telling its callback the same events.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-server/server.ts';
import { TEST_CATALOG, testCaller } from '../../../test/helpers/mode-env.ts';
import { createNodeEmbedder } from '../../platform/node/encoder.ts';
import { emptyUserVector, learn, userFeatures, type UserVector } from '../modes/personal.ts';
import type { RoutedCallRequest } from '../providers/routed-call.ts';
import type { ChatMessage } from '../providers/types.ts';
import { createRouter } from '../routers/registry.ts';
import { imagePart } from '../providers/images.ts';
import { answer, answerWith } from './engine.ts';
import { failureMessage, finishReason } from './ending.ts';
import { ImageInputError } from './images.ts';
import { engineRouter } from './router.ts';
import { RoutingError } from './routing.ts';
import type { EngineEncoder, EngineEvent, EngineParts } from './types.ts';

let server: TestServer;
let encoder: EngineEncoder;
const sent: ChatMessage[][] = [];
const ids = TEST_CATALOG.map((m) => m.id);

/** A real rules router: digits go to the dear model, the rest to the cheapest. */
async function rulesRouter() {
  const router = createRouter('rules', {
    rules: [{ name: 'numbers', when: { regex: '\\d' }, model: 'large' }],
    fallback: 'cheapest',
  });
  await router.fit({
    samples: [{ id: 'q', query: 'x', outcomes: Object.fromEntries(ids.map((id) => [id, { score: 1, cost: 0.001 }])) }],
    embeddings: [],
    models: ids,
    catalog: TEST_CATALOG,
  });
  return router;
}

async function parts(extra: Partial<EngineParts> = {}): Promise<EngineParts> {
  const caller = testCaller(server);
  const spy = { call: (request: RoutedCallRequest) => (sent.push(request.messages), caller.call(request)) };
  return { router: engineRouter(await rulesRouter()), encoder, caller: spy, models: TEST_CATALOG, ...extra };
}

const user = (content: string): ChatMessage => ({ role: 'user', content });
const policy = { lambda: 0.5, allowed: ids };

beforeAll(async () => {
  server = await startTestServer();
  const node = await createNodeEmbedder();
  encoder = { embed: (texts) => node.embed(texts) };
}, 60_000);
afterAll(() => server.close());
beforeEach(() => {
  server.faults.set([]);
  server.scripts.set([]);
  sent.length = 0;
});

describe('answer', () => {
  it('yields the decision, the attempt, the text, then done with one record', async () => {
    const events: EngineEvent[] = [];
    for await (const event of answer(await parts(), { messages: [user('Name a colour')], policy })) events.push(event);
    expect([...new Set(events.map((e) => e.type))]).toEqual(['decision', 'attempt', 'text', 'done']);
    const done = events.at(-1) as Extract<EngineEvent, { type: 'done' }>;
    const { record } = done.answered;
    const streamed = events.flatMap((e) => (e.type === 'text' ? [e.text] : []));
    expect(streamed.length).toBeGreaterThan(1);
    expect(streamed.join('')).toBe('Echo from echo-small: Name a colour');
    expect(done.answered.text).toBe('Echo from echo-small: Name a colour');
    expect(record).toMatchObject({
      type: 'routed-call',
      router: 'rules',
      chosen: 'small',
      answeredBy: 'small',
      query: 'Name a colour',
      premium: { model: expect.any(String) },
    });
    expect(record.path).toEqual([{ model: 'small', kind: 'ok', latencyMs: expect.any(Number), cost: expect.any(Number) }]);
    expect(record.answerCost).toBe(done.answered.outcomes[0]!.cost);
    expect(record.output_tokens).toBeGreaterThan(0);
    expect(record.callId).toBe(done.answered.outcomes[0]!.callId);
  });

  it("tells answerWith's callback the events answer yields, in order, and rejects with a callback's error once settled", async () => {
    const ask = { messages: [user('Name a colour')], policy };
    const yielded: string[] = [];
    for await (const event of answer(await parts(), ask)) yielded.push(event.type === 'text' ? `text:${event.text}` : event.type);
    const told: string[] = [];
    const answered = await answerWith(await parts(), ask, (event) => told.push(event.type === 'text' ? `text:${event.text}` : event.type));
    expect(told.filter((t) => t !== 'attempt')).toEqual(yielded.filter((t) => t !== 'attempt'));
    expect(told.at(-1)).toBe('done');
    expect(answered.text).toBe('Echo from echo-small: Name a colour');
    const after: string[] = [];
    const refused = answerWith(await parts(), ask, (event) => {
      after.push(event.type);
      if (event.type === 'text') throw new Error('the view failed');
    });
    await expect(refused).rejects.toThrow('the view failed');
    expect(after.filter((t) => t === 'text')).toHaveLength(1);
    expect(after).not.toContain('done');
  });

  it('records wall-clock latency over the whole fallback path', async () => {
    server.faults.set([{ model: 'echo-large', fault: '500' }]);
    const answered = await answerWith(await parts(), { messages: [user('What is 12 times 9?')], policy });
    const { record } = answered;
    expect(record.path.map((p) => `${p.model}:${p.kind}`)).toEqual(['large:server', expect.stringMatching(/:ok$/)]);
    expect(record.chosen).toBe('large');
    expect(record.answeredBy).toBe(record.path[1]!.model);
    expect(record.latency_ms).toBeGreaterThanOrEqual(record.path.reduce((s, p) => s + p.latencyMs, 0));
    expect(record.answerCost).toBe(answered.outcomes[1]!.cost);
  });

  it('sends the model the context the policy keeps, and the router the earlier user turns', async () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'be brief' },
      user('first question'),
      { role: 'assistant', content: 'first answer' },
      user('and then?'),
    ];
    const full = await answerWith(await parts(), { messages, policy });
    expect(sent.at(-1)).toEqual(messages);
    expect(full.record.context).toEqual(['first question']);
    const current = await answerWith(await parts(), { messages, policy, context: { kind: 'current' } });
    expect(sent.at(-1)).toEqual([messages[0], messages[3]]);
    expect(current.record.context).toBeUndefined();
  });

  it('shifts the estimates by the profile, which changes the decision once it learned a preference', async () => {
    const text = 'Name a colour';
    const [own] = await encoder.embed([text]);
    let vector: UserVector = emptyUserVector();
    for (let i = 0; i < 20; i++)
      vector = learn(vector, {
        kind: 'pairwise',
        winner: 'large',
        loser: 'small',
        features: userFeatures(own),
        globalWinner: 1,
        globalLoser: 1,
      });
    const fresh = await answerWith(await parts(), {
      messages: [user(text)],
      policy,
      profile: { id: 'p', name: 'P', vector: emptyUserVector() },
    });
    expect(fresh.routing.routed!.profile).toMatchObject({ id: 'p', personalised: false });
    expect(fresh.record.chosen).toBe('small');
    const taught = await answerWith(await parts(), { messages: [user(text)], policy, profile: { id: 'p', name: 'P', vector } });
    expect(taught.routing.routed!.profile!.personalised).toBe(true);
    expect(taught.record.chosen).toBe('large');
    expect(taught.routing.routed!.global.find((e) => e.model === 'large')!.quality).toBe(
      fresh.routing.routed!.global.find((e) => e.model === 'large')!.quality,
    );
  });

  it("runs a multi-call mode, recording every call it made under the answer's call id", async () => {
    server.scripts.set([{ model: 'echo-small', match: '^Models:', reply: 'large' }]);
    const steps: string[] = [];
    const answered = await answerWith(
      await parts(),
      { messages: [user('Name a colour')], policy, mode: 'llm-router' },
      (e) => e.type === 'step' && steps.push(e.step.type),
    );
    expect(steps).toEqual(['judge', 'answer']);
    expect(answered.text).toBe('Echo from echo-large: Name a colour');
    expect(answered.record).toMatchObject({ mode: 'llm-router', chosen: 'small', answeredBy: 'large' });
    expect(answered.record.path.map((p) => p.model)).toEqual(['small', 'large']);
    expect(new Set(answered.outcomes.map((o) => o.callId))).toEqual(new Set([answered.record.callId]));
    expect(answered.record.answerCost).toBeCloseTo(
      answered.outcomes.reduce((s, o) => s + o.cost, 0),
      12,
    );
  });

  it('calls the named models without a router', async () => {
    const answered = await answerWith(await parts({ router: undefined }), {
      messages: [user('hi')],
      policy: { lambda: 0 },
      forced: { models: ['mid'], by: 'direct' },
    });
    expect(answered.record).toMatchObject({ router: 'direct', chosen: 'mid', forced: true, answeredBy: 'mid' });
    expect(answered.record.premium).toBeUndefined();
  });

  it('throws a RoutingError naming the router when routing fails', async () => {
    const failing = await parts({
      router: { name: 'broken', input: 'text', route: () => Promise.reject(new Error('model file gone')) },
    });
    await expect(answerWith(failing, { messages: [user('hi')], policy })).rejects.toThrow(RoutingError);
    await expect(answerWith(failing, { messages: [user('hi')], policy })).rejects.toThrow('router "broken": model file gone');
    await expect(answerWith(failing, { messages: [{ role: 'system', content: 'no question' }], policy })).rejects.toThrow(
      /no user message/,
    );
  });

  it('answers a conversation with an image only with a model that reads images; the router reads its text', async () => {
    const models = TEST_CATALOG.map((m) => (m.id === 'large' ? { ...m, input_modalities: ['text' as const, 'image' as const] } : m));
    const image = imagePart('https://example.com/palette.png');
    const messages = [{ ...user('Name a colour'), images: [image] }];
    const answered = await answerWith(await parts({ models }), { messages, policy });
    expect(answered.routing.chain).toEqual(['large']);
    expect(answered.text).toBe('Echo from echo-large: Name a colour');
    expect(sent).toEqual([messages]);
    const direct = answerWith(await parts({ models, router: undefined }), {
      messages,
      policy,
      forced: { models: ['small'], by: 'direct' },
    });
    await expect(direct).rejects.toThrow(ImageInputError);
    await expect(answerWith(await parts(), { messages, policy })).rejects.toThrow(/none of the models it may use reads images/);
  });

  it('streams function calls as tool_call events, and ends an answer failed on every model as an error naming each attempt', async () => {
    server.scripts.set([{ toolCall: { name: 'search', arguments: { query: 'colours' } } }]);
    const tools = [{ name: 'search' }];
    const events: EngineEvent[] = [];
    const called = await answerWith(await parts(), { messages: [user('Name a colour')], policy, tools }, (e) => events.push(e));
    const deltas = events.flatMap((e) => (e.type === 'tool_call' ? [e.delta] : []));
    expect(deltas[0]).toEqual({ index: 0, id: 'call_test', name: 'search', arguments: '' });
    expect(deltas.map((d) => d.arguments).join('')).toBe('{"query":"colours"}');
    expect(finishReason(called)).toBe('tool_calls');
    server.faults.set([{ fault: '500' }]);
    const failed = await answerWith(await parts(), { messages: [user('Name a colour')], policy });
    expect(finishReason(failed)).toBe('error');
    expect(failureMessage(failed)).toMatch(/^3 attempts failed: small: server: .*; mid: server: .*; large: server: /);
  });
});
