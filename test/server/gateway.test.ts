// `llmrouter serve` through the official openai client, against the provider test server: answers routed by
// a trained knn router (whole and streamed) with the decision in headers, the cost knob, 401 without a token,
// fallback on a 500 within the request, keys kept out of errors, logs and metrics, the JSONL log, and a
// graceful shutdown that lets an open stream finish.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI, { APIError } from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../../test-server/server.ts';
import { startGateway, type RunningGateway } from '../../src/server/serve.ts';
import {
  CLIENT_TOKEN,
  INTEGRAL_QUERY,
  PROVIDER_KEY,
  PYTHON_QUERY,
  client,
  gatewayConfig,
  testFolder,
  ask,
  closeGatewayUnderTest,
  startGatewayUnderTest,
} from '../helpers/gateway-fixture.ts';
import { spentAttempt } from '../helpers/spent-attempt.ts';

const { dir, logFile } = testFolder();
let server: TestServer;
let gateway: RunningGateway;
let openai: OpenAI;

beforeAll(async () => void ({ server, gateway, openai } = await startGatewayUnderTest(dir, () => ({ log: logFile }))), 60_000);
afterAll(() => closeGatewayUnderTest({ server, gateway }));
beforeEach(() => server.faults.set([]));

describe('routed answers through the openai client', () => {
  it('routes a whole answer by the trained router, with the decision in headers and the llmrouter field', async () => {
    const { data, response } = await openai.chat.completions.create(ask(PYTHON_QUERY)).withResponse();
    expect(data.choices[0]!.message.content).toBe(`Echo from echo-small: ${PYTHON_QUERY}`);
    expect(response.headers.get('x-llmrouter-model')).toBe('coder');
    expect(response.headers.get('x-llmrouter-router')).toBe('knn');
    expect(Number(response.headers.get('x-llmrouter-routing-ms'))).toBeGreaterThan(0);
    expect(data.usage?.completion_tokens).toBeGreaterThan(0);
    const explained = (data as unknown as { llmrouter: { estimates: { model: string }[]; chosen: string } }).llmrouter;
    expect(explained.chosen).toBe('coder');
    expect(explained.estimates.map((e) => e.model)).toContain('mathematician');
  });

  it('streams an answer routed to the other model, headers first, usage at the end', async () => {
    const { data: stream, response } = await openai.chat.completions
      .create({ ...ask(INTEGRAL_QUERY), stream: true, stream_options: { include_usage: true } })
      .withResponse();
    expect(response.headers.get('x-llmrouter-model')).toBe('mathematician');
    let text = '';
    let usage;
    for await (const part of stream) {
      text += part.choices[0]?.delta?.content ?? '';
      usage = part.usage ?? usage;
    }
    expect(text).toBe(`Echo from echo-large: ${INTEGRAL_QUERY}`);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('takes the cost knob from the model name and from the header', async () => {
    const named = await openai.chat.completions.create(ask(PYTHON_QUERY, 'router-knn:0.3')).withResponse();
    expect(named.response.headers.get('x-llmrouter-lambda')).toBe('0.3');
    const headed = await openai.chat.completions.create(ask(PYTHON_QUERY), { headers: { 'x-llmrouter-lambda': '0.7' } }).withResponse();
    expect(headed.response.headers.get('x-llmrouter-lambda')).toBe('0.7');
    await expect(openai.chat.completions.create(ask(PYTHON_QUERY, 'router-knn:cheap'))).rejects.toMatchObject({ status: 400 });
  });

  it('calls a catalog model directly, and lists routers and models', async () => {
    const { data, response } = await openai.chat.completions.create(ask('hi', 'generalist')).withResponse();
    expect(data.choices[0]!.message.content).toBe('Echo from echo-large: hi');
    expect(response.headers.get('x-llmrouter-router')).toBe('direct');
    const ids = [];
    for await (const m of openai.models.list()) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining(['router-knn', 'coder', 'mathematician', 'generalist']));
    await expect(openai.chat.completions.create(ask('hi', 'router-nope'))).rejects.toMatchObject({ status: 404 });
  });
});

describe('tools', () => {
  const tools = [
    {
      type: 'function' as const,
      function: {
        name: 'search',
        description: 'search the web',
        parameters: { type: 'object', properties: { query: { type: 'string' } } },
      },
    },
  ];
  /** The provider calls `search` with the query (a scripted function call on the test server). */
  const searchFor = (query: string) => server.scripts.set([{ toolCall: { name: 'search', arguments: { query } } }]);
  afterEach(() => server.scripts.set([]));

  it('passes tool definitions through and the tool call back, then the tool result', async () => {
    searchFor(INTEGRAL_QUERY);
    const { data, response } = await openai.chat.completions.create({ ...ask(INTEGRAL_QUERY), tools }).withResponse();
    expect(response.headers.get('x-llmrouter-model')).toBe('mathematician');
    const choice = data.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls![0]! as { id: string; function: { name: string; arguments: string } };
    expect(call.function.name).toBe('search');
    expect(JSON.parse(call.function.arguments)).toEqual({ query: INTEGRAL_QUERY });
    const followUp = await openai.chat.completions.create({
      model: 'router-knn',
      tools,
      messages: [
        { role: 'user', content: INTEGRAL_QUERY },
        { role: 'assistant', content: null, tool_calls: choice.message.tool_calls },
        { role: 'tool', tool_call_id: call.id, content: 'x^3/3' },
      ],
    });
    expect(followUp.choices[0]!.message.content).toBe('Echo from echo-large: the tool said x^3/3');
  });

  it('refuses a tool without a function name and an unknown tool choice, naming the field', async () => {
    const nameless = [{ type: 'function', function: { description: 'no name' } }] as unknown as typeof tools;
    await expect(openai.chat.completions.create({ ...ask(PYTHON_QUERY), tools: nameless })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/tools\.0\.function\.name/),
    });
    await expect(openai.chat.completions.create({ ...ask(PYTHON_QUERY), tools, tool_choice: 'sometimes' as 'auto' })).rejects.toMatchObject(
      { status: 400, message: expect.stringMatching(/tool_choice/) },
    );
  });
});

describe('auth', () => {
  it('answers 401 without a valid client token, and /health without one', async () => {
    await expect(client(gateway.url, 'wrong-token-000').chat.completions.create(ask('hi'))).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    const bare = await fetch(`${gateway.url}/v1/models`);
    expect(bare.status).toBe(401);
    expect((await bare.json()).error.code).toBe('invalid_api_key');
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });
});

describe('faults', () => {
  it('falls back within the same request when the first provider answers 500', async () => {
    server.faults.set([{ model: 'echo-small', wire: 'openai', fault: '500' }]);
    const { data, response } = await openai.chat.completions.create(ask(PYTHON_QUERY)).withResponse();
    expect(response.headers.get('x-llmrouter-model')).not.toBe('coder');
    expect(data.choices[0]!.message.content).toMatch(/^Echo from echo-large: /);
    const path = (data as unknown as { llmrouter: { path: { model: string; kind: string }[] } }).llmrouter.path;
    expect(path[0]).toEqual({ model: 'coder', kind: 'server' });
    expect(path.at(-1)!.kind).toBe('ok');
  });

  it('falls back before the first streamed token, so the stream carries only the answer', async () => {
    server.faults.set([{ model: 'echo-small', wire: 'openai', fault: '500' }]);
    const { data: stream, response } = await openai.chat.completions.create({ ...ask(PYTHON_QUERY), stream: true }).withResponse();
    let text = '';
    for await (const part of stream) text += part.choices[0]?.delta?.content ?? '';
    expect(text).toMatch(/^Echo from echo-large: /);
    expect(response.headers.get('x-llmrouter-model')).not.toBe('coder');
  });

  it('answers an error status when every model fails, and never shows a provider key', async () => {
    server.faults.set([{ fault: 'invalid-key' }]);
    const error = await openai.chat.completions.create(ask(PYTHON_QUERY)).catch((e: APIError) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(502);
    expect(JSON.stringify((error as APIError).error)).not.toContain(PROVIDER_KEY);
    const metrics = await (await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${CLIENT_TOKEN}` } })).text();
    expect(metrics).not.toContain(PROVIDER_KEY);
    expect(metrics).toMatch(/llmrouter_errors_total\{kind="auth"\} [1-9]/);
    expect(metrics).toMatch(/llmrouter_picks_total\{router="knn",model="coder"\} [1-9]/);
    expect(metrics).toMatch(/llmrouter_fallbacks_total\{from="coder",to="[a-z]+"\} [1-9]/);
    expect(metrics).toMatch(/llmrouter_routing_seconds_count\{router="knn"\} [1-9]/);
    expect(metrics).toMatch(/llmrouter_spend_usd_total\{model="coder"\} /);
  });
});

describe('the JSONL log', () => {
  it('holds every attempt and every routed call, without keys', async () => {
    await openai.chat.completions.create(ask(PYTHON_QUERY));
    await gateway.gateway.log!.flushed();
    const text = readFileSync(logFile, 'utf8');
    expect(text).not.toContain(PROVIDER_KEY);
    const records = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const calls = records.filter((r) => r.type === 'routed-call');
    const attempts = records.filter((r) => r.type === 'attempt');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(attempts.filter((a) => a.callId === call.callId).length).toBe(call.path.length);
    expect(calls.at(-1)).toMatchObject({ router: 'knn', chosen: 'coder', answeredBy: 'coder', query: PYTHON_QUERY });
  });

  it('keeps ratings of answers (POST /v1/feedback), and llmrouter train learns from the rated calls', async () => {
    for (const [query, rating] of [
      [PYTHON_QUERY, 5],
      [INTEGRAL_QUERY, 4],
    ] as const) {
      const { response } = await openai.chat.completions.create(ask(query)).withResponse();
      const rated = await openai.post('/feedback', { body: { call_id: response.headers.get('x-llmrouter-call-id'), rating } });
      expect(rated).toEqual({ ok: true });
    }
    await expect(openai.post('/feedback', { body: { call_id: 'x' } })).rejects.toMatchObject({ status: 400 });
    await expect(openai.post('/feedback', { body: { call_id: 'never-made', rating: 5 } })).rejects.toMatchObject({ status: 404 });
    await gateway.gateway.log!.flushed();
    const { main } = await import('../../src/cli/main.ts');
    const out = join(dir, 'from-log.json');
    expect(await main(['train', '--router', 'knn', '--data', logFile, '--out', out])).toBe(0);
    const trained = JSON.parse(readFileSync(out, 'utf8'));
    expect(trained.models).toEqual(expect.arrayContaining(['coder', 'mathematician']));
  });
});

describe('feedback', () => {
  it('is taken only from the client token that made the call, also after a restart (from the log)', async () => {
    const other = 'other-client-24680';
    const log = join(dir, 'feedback.jsonl');
    const config = gatewayConfig(server.url, gateway.gateway.config.routers.knn!.file, { log, client_tokens: [CLIENT_TOKEN, other] });
    let local = await startGateway(config);
    const { response } = await client(local.url).chat.completions.create(ask('hi', 'coder')).withResponse();
    const callId = response.headers.get('x-llmrouter-call-id');
    const rate = (token: string) => client(local.url, token).post('/feedback', { body: { call_id: callId, thumbs: 'up' } });
    await expect(rate(other)).rejects.toMatchObject({ status: 404 });
    await local.close();
    local = await startGateway(config);
    try {
      await expect(rate(other)).rejects.toMatchObject({ status: 404 });
      await expect(rate(CLIENT_TOKEN)).resolves.toEqual({ ok: true });
    } finally {
      await local.close();
    }
    expect(readFileSync(log, 'utf8')).not.toContain(CLIENT_TOKEN);
  });
});

/** A log line: an attempt on `coder` that spent $0.0099, nearly all of the daily budget `budgetedGateway` sets. */
const SPENT = { type: 'attempt', ...spentAttempt(0.0099, { id: 'a1', callId: 'c1', model: 'coder', provider: 'test-openai' }) };

/** A gateway with a $0.01 daily budget, started over the call log `log` written with `content` first. */
async function budgetedGateway(log: string, content: string): Promise<RunningGateway> {
  writeFileSync(log, content);
  return startGateway(gatewayConfig(server.url, gateway.gateway.config.routers.knn!.file, { log, budgets: { daily_usd: 0.01 } }));
}

/** A call to `coder` whose estimate (100 output tokens at $2 per million) passes the $0.0001 left of that budget. */
const callCoder = (url: string) => client(url).chat.completions.create({ ...ask('hi', 'coder'), max_tokens: 100 });

describe('a log torn by a crash', () => {
  it('starts anyway: unreadable lines are skipped and reported, spend is read from the rest, the next record starts a new line', async () => {
    const log = join(dir, 'torn.jsonl');
    const torn = JSON.stringify({ ...SPENT, id: 'a2', cost: 5 }).slice(0, 70);
    const restarted = await budgetedGateway(log, `${JSON.stringify(SPENT)}\n{"type":"routed-call","callId":\n${torn}`);
    try {
      expect(restarted.gateway.notices).toEqual([expect.stringMatching(/skipped 2 unreadable lines: line 2 .*line 3/)]);
      // 0.0099 spent, so the budget refuses this call; the spend in the torn line was never counted.
      const refused = await callCoder(restarted.url).catch((e: APIError) => e);
      expect(refused).toMatchObject({ status: 429, code: 'budget_exceeded' });
      await restarted.gateway.log!.write({ type: 'feedback', callId: 'c1' });
      await restarted.gateway.log!.flushed();
    } finally {
      await restarted.close();
    }
    const lines = readFileSync(log, 'utf8').split('\n');
    expect(lines[2]).toBe(torn);
    const after = lines
      .slice(3)
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(after.map((r) => r.type)).toEqual(['routed-call', 'feedback']);
  });
});

describe('budgets without Redis', () => {
  it("remember this month's spending from the log after a restart, and refuse the call that would pass the budget", async () => {
    const log = join(dir, 'restart.jsonl');
    const restarted = await budgetedGateway(log, `${JSON.stringify(SPENT)}\n`);
    const before = server.requests.length;
    try {
      const refused = await callCoder(restarted.url).catch((e: APIError) => e);
      expect(refused).toMatchObject({ status: 429, code: 'budget_exceeded' });
      expect(server.requests).toHaveLength(before);
    } finally {
      await restarted.close();
    }
  });
});

describe('the admission bound', () => {
  it('answers 429 with Retry-After past max_in_flight calls, and admits again once one ends', async () => {
    const config = gatewayConfig(server.url, gateway.gateway.config.routers.knn!.file);
    const local = await startGateway({ ...config, server: { ...config.server, max_in_flight: 1 } });
    try {
      server.faults.set([{ fault: 'latency=300', times: 1 }]);
      const first = client(local.url).chat.completions.create(ask('hi', 'coder'));
      await expect.poll(() => server.requests.some((r) => r.fault === 'latency=300'), { interval: 10 }).toBe(true);
      const busy = await fetch(`${local.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLIENT_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(ask('hi', 'coder')),
      });
      expect(busy.status).toBe(429);
      expect(busy.headers.get('retry-after')).toBe('1');
      expect(await busy.json()).toMatchObject({ error: { code: 'gateway_busy' } });
      await first;
      await expect(client(local.url).chat.completions.create(ask('hi', 'coder'))).resolves.toBeDefined();
    } finally {
      await local.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('lets an open stream finish before it stops', async () => {
    const local = await startGateway(gatewayConfig(server.url, gateway.gateway.config.routers.knn!.file));
    server.faults.set([{ fault: 'stall=40' }]);
    const { data: stream } = await client(local.url)
      .chat.completions.create({ ...ask(PYTHON_QUERY), stream: true })
      .withResponse();
    const closing = local.close();
    let text = '';
    for await (const part of stream) text += part.choices[0]?.delta?.content ?? '';
    await closing;
    expect(text).toBe(`Echo from echo-small: ${PYTHON_QUERY}`);
    await expect(fetch(`${local.url}/health`)).rejects.toThrow();
  });
});
