// What the gateway gained from the engine (core/engine), through the official openai client against the provider
// test server: every routing mode (a model suffix or a header), the context policy (a header), profiles chosen by
// OpenAI's `user` field and taught by /v1/feedback, and an online router taught by /v1/feedback.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-server/server.ts';
import { isOnlineRouter } from '../../src/core/learn/online-router.ts';
import { loadRouter, createRouter } from '../../src/core/routers/registry.ts';
import { startGateway, type RunningGateway } from '../../src/server/serve.ts';
import { PYTHON_QUERY, client, gatewayConfig, testFolder, trainedRouterFile } from '../helpers/gateway-fixture.ts';

const { dir, logFile } = testFolder();
let server: TestServer;
let gateway: RunningGateway;
let openai: OpenAI;

/** LinUCB warm-started from the trained knn router: it routes as knn until outcomes say otherwise. */
function onlineRouterFile(knnFile: string): string {
  const knnJson = JSON.parse(readFileSync(knnFile, 'utf8'));
  const online = createRouter('linucb', { alpha: 0 });
  if (!isOnlineRouter(online)) throw new Error('linucb does not learn online');
  const file = join(dir, 'linucb.json');
  writeFileSync(file, JSON.stringify(online.over(knnJson, loadRouter(knnJson)).toJSON()));
  return file;
}

beforeAll(async () => {
  server = await startTestServer();
  const knn = await trainedRouterFile(dir);
  gateway = await startGateway(
    gatewayConfig(server.url, knn, { log: logFile, routers: { knn: { file: knn }, online: { file: onlineRouterFile(knn) } } }),
  );
  openai = client(gateway.url);
}, 60_000);
afterAll(async () => {
  await gateway?.close();
  await server?.close();
});
beforeEach(() => {
  server.faults.set([]);
  server.scripts.set([]);
});

const ask = (content: string, model = 'router-knn', extra: object = {}) => ({
  model,
  messages: [{ role: 'user' as const, content }],
  ...extra,
});
type Explained = {
  llmrouter: {
    mode?: string;
    steps?: { type: string; model: string }[];
    profile?: { id: string; personalised: boolean };
    explanation?: string;
  };
};

/** The model that answered, the call id, and the `llmrouter` field. */
async function call(body: OpenAI.ChatCompletionCreateParamsNonStreaming, headers: Record<string, string> = {}) {
  const { data, response } = await openai.chat.completions.create(body, { headers }).withResponse();
  return {
    model: response.headers.get('x-llmrouter-model')!,
    callId: response.headers.get('x-llmrouter-call-id')!,
    text: data.choices[0]!.message.content,
    explained: (data as unknown as Explained).llmrouter,
  };
}

const rate = (callId: string, body: object) => openai.post('/feedback', { body: { call_id: callId, ...body } });

async function loggedCall(callId: string) {
  await gateway.gateway.log!.flushed();
  return readFileSync(logFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .find((r) => r.type === 'routed-call' && r.callId === callId);
}

describe('modes', () => {
  it('answers in the mode the model name or the header asks for, with its steps and its record', async () => {
    server.scripts.set([{ model: 'echo-small', match: '^Models:', reply: 'mathematician' }]);
    const named = await call(ask(PYTHON_QUERY, 'router-knn+llm-router'));
    expect(named.text).toBe(`Echo from echo-large: ${PYTHON_QUERY}`);
    expect(named.model).toBe('mathematician');
    expect(named.explained.mode).toBe('llm-router');
    expect(named.explained.steps!.map((s) => `${s.type}:${s.model}`)).toEqual(['judge:coder', 'answer:mathematician']);
    expect(await loggedCall(named.callId)).toMatchObject({
      mode: 'llm-router',
      chosen: 'coder',
      answeredBy: 'mathematician',
      path: [{ model: 'coder' }, { model: 'mathematician' }],
    });
    const headed = await call(ask(PYTHON_QUERY, 'router-knn:0.5'), { 'x-llmrouter-mode': 'llm-router' });
    expect(headed.explained.mode).toBe('llm-router');
    const stream = await openai.chat.completions.create({ ...ask(PYTHON_QUERY, 'router-knn+llm-router'), stream: true });
    let text = '';
    for await (const part of stream) text += part.choices[0]?.delta?.content ?? '';
    expect(text).toBe(`Echo from echo-large: ${PYTHON_QUERY}`);
  });

  it('refuses an unknown mode, a mode for a named model and a mode with tools, naming what was wrong', async () => {
    await expect(openai.chat.completions.create(ask('hi', 'router-knn+swarm'))).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/mode must be one of single, cascade/),
    });
    await expect(openai.chat.completions.create(ask('hi'), { headers: { 'x-llmrouter-mode': 'swarm' } })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_mode',
    });
    await expect(openai.chat.completions.create(ask('hi', 'coder'), { headers: { 'x-llmrouter-mode': 'cascade' } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/name a router/),
    });
    const tools = [{ type: 'function' as const, function: { name: 'search' } }];
    await expect(openai.chat.completions.create({ ...ask('hi', 'router-knn+cascade'), tools })).rejects.toMatchObject({
      status: 400,
      code: 'tools_not_supported',
    });
  });
});

describe('the context policy', () => {
  const conversation: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'user', content: 'what is the integral of x squared' },
    { role: 'assistant', content: 'x cubed over three' },
    { role: 'user', content: PYTHON_QUERY },
  ];

  it('carries every earlier turn by default, none with x-llmrouter-context: current', async () => {
    const full = await call({ model: 'router-knn', messages: conversation });
    expect((await loggedCall(full.callId)).context).toEqual(['what is the integral of x squared']);
    const current = await call({ model: 'router-knn', messages: conversation }, { 'x-llmrouter-context': 'current' });
    expect((await loggedCall(current.callId)).context).toBeUndefined();
    const similar = await call({ model: 'router-knn', messages: conversation }, { 'x-llmrouter-context': 'similar:1' });
    expect((await loggedCall(similar.callId)).context).toEqual(['what is the integral of x squared']);
    await expect(
      openai.chat.completions.create({ model: 'router-knn', messages: conversation }, { headers: { 'x-llmrouter-context': 'some' } }),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_context' });
  });
});

describe('learning from /v1/feedback', () => {
  it('personalises the profile the user field names, and no other', async () => {
    const alice = (await call(ask(PYTHON_QUERY, 'router-knn', { user: 'alice' }))).explained.profile;
    expect(alice).toEqual({ id: 'alice', personalised: false });
    let picked = 'coder';
    for (let i = 0; i < 6 && picked === 'coder'; i++) {
      const answer = await call(ask(PYTHON_QUERY, 'router-knn', { user: 'alice' }));
      await rate(answer.callId, { thumbs: 'down' });
      picked = (await call(ask(PYTHON_QUERY, 'router-knn', { user: 'alice' }))).model;
    }
    expect(picked).not.toBe('coder');
    expect((await call(ask(PYTHON_QUERY, 'router-knn', { user: 'bob' }))).model).toBe('coder');
    expect((await call(ask(PYTHON_QUERY))).model).toBe('coder');
  });

  it('teaches an online router the rewards of the answers it routed', async () => {
    const first = await call(ask(PYTHON_QUERY, 'router-online'));
    expect(first.model).toBe('coder');
    let picked = first.model;
    for (let i = 0; i < 6 && picked === 'coder'; i++) {
      const answer = await call(ask(PYTHON_QUERY, 'router-online'));
      await rate(answer.callId, { rating: 1 });
      picked = (await call(ask(PYTHON_QUERY, 'router-online'))).model;
    }
    expect(picked).not.toBe('coder');
    expect((await call(ask(PYTHON_QUERY, 'router-online'))).explained.explanation).toMatch(/learned from [1-9]\d* outcomes?/);
    expect((await call(ask(PYTHON_QUERY))).model).toBe('coder');
  });
});
