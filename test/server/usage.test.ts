// What the gateway saved, three ways over the same traffic: GET /v1/usage, the /metrics savings counters, and
// `llmrouter report` over the gateway's JSONL log agree to the cent; calls that routed to the cheap model save,
// a fallback and a direct call are counted as they cost, and the log carries each call's premium alternative.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../test-server/server.ts';
import type { RunningGateway } from '../../src/server/serve.ts';
import type { UsageSummary } from '../../src/core/learn/usage.ts';
import {
  CLIENT_TOKEN,
  INTEGRAL_QUERY,
  PYTHON_QUERY,
  testFolder,
  ask,
  closeGatewayUnderTest,
  startGatewayUnderTest,
} from '../helpers/gateway-fixture.ts';
import { catalogModel } from '../helpers/catalog-model.ts';

const { dir, logFile } = testFolder();
const bin = resolve(import.meta.dirname, '../../bin/llmrouter.js');
const auth = { authorization: `Bearer ${CLIENT_TOKEN}` };
let server: TestServer;
let gateway: RunningGateway;
let openai: OpenAI;

// A dear coder, a cheap mathematician (as the router's training costs have them): a python question the knob sends
// to the mathematician saves against the coder, the best model for it.
const models = [
  catalogModel('coder', 'test-openai', 'echo-small', { input_price: 5, output_price: 15 }),
  catalogModel('mathematician', 'test-anthropic', 'echo-large', { input_price: 0.1, output_price: 0.4 }),
  catalogModel('generalist', 'test-gemini', 'echo-large', { input_price: 3, output_price: 10 }),
];

beforeAll(async () => void ({ server, gateway, openai } = await startGatewayUnderTest(dir, () => ({ log: logFile, models }))), 60_000);
afterAll(() => closeGatewayUnderTest({ server, gateway }));

const cents = (usd: number) => Math.round(usd * 100);

/** The sum over labels of one metric in Prometheus text. */
function metricSum(text: string, name: string): number {
  return [...text.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
}

describe('the savings of the gateway', () => {
  it('agree to the cent in /v1/usage, /metrics and llmrouter report over its log', async () => {
    const long = (q: string) => `${q}. ${'Explain every step in detail. '.repeat(40)}`;
    await openai.chat.completions.create(ask(long(PYTHON_QUERY)));
    await openai.chat.completions.create(ask(long(INTEGRAL_QUERY)));
    // The knob all the way to cost: python goes to the cheap mathematician, the coder is the alternative.
    for (let i = 0; i < 3; i++) await openai.chat.completions.create(ask(long(`${PYTHON_QUERY} ${i}`), 'router-knn:1000'));
    const streamed = await openai.chat.completions.create({ ...ask(long(PYTHON_QUERY), 'router-knn:1000'), stream: true });
    for await (const _part of streamed);
    server.faults.set([{ model: 'echo-small', wire: 'openai', fault: '500', times: 1 }]);
    await openai.chat.completions.create(ask(long(PYTHON_QUERY)));
    server.faults.set([]);
    await openai.chat.completions.create(ask('hi', 'generalist'));

    const usage = (await (await fetch(`${gateway.url}/v1/usage`, { headers: auth })).json()) as UsageSummary;
    const metrics = await (await fetch(`${gateway.url}/metrics`, { headers: auth })).text();
    const report = JSON.parse(
      execFileSync(process.execPath, [bin, 'report', '--log', logFile, '--json'], { encoding: 'utf8' }),
    ) as UsageSummary;

    expect(usage.totals.messages).toBe(8);
    expect(usage.totals.saved).toBeGreaterThan(0.01);
    expect(report.totals).toEqual(usage.totals);
    expect(cents(metricSum(metrics, 'llmrouter_premium_equivalent_usd_total'))).toBe(cents(usage.totals.premium));
    expect(cents(metricSum(metrics, 'llmrouter_saved_usd_total'))).toBe(cents(usage.totals.saved));
    expect(cents(metricSum(metrics, 'llmrouter_spend_usd_total'))).toBe(cents(usage.totals.spent));
    // Tighter than the cent: the same sums, up to float addition order.
    expect(metricSum(metrics, 'llmrouter_saved_usd_total')).toBeCloseTo(usage.totals.saved, 9);
    const knn = usage.routers.find((r) => r.router === 'knn')!;
    expect(metrics).toMatch(new RegExp(`llmrouter_saved_usd_total\\{router="knn"\\} ${knn.saved.toPrecision(3).slice(0, 4)}`));
    expect(usage.routers.find((r) => r.router === 'direct')).toMatchObject({ messages: 1, saved: 0 });
  }, 60_000);

  it("logs each routed call's premium alternative and every attempt's cost", () => {
    const calls = readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => r.type === 'routed-call');
    const cheap = calls.find((c) => c.lambda === 1000)!;
    expect(cheap).toMatchObject({ answeredBy: 'mathematician', premium: { model: 'coder' } });
    expect(cheap.premium.cost).toBeGreaterThan(cheap.answerCost * 10);
    const fallback = calls.find((c) => c.path.length > 1)!;
    expect(fallback.path[0]).toMatchObject({ model: 'coder', kind: 'server', cost: 0 });
    expect(calls.find((c) => c.router === 'direct').premium).toBeUndefined();
  });

  it('answers a range, and refuses a bad one or a caller without a token', async () => {
    const future = await (await fetch(`${gateway.url}/v1/usage?from=2999-01-01`, { headers: auth })).json();
    expect(future.totals.messages).toBe(0);
    const bad = await fetch(`${gateway.url}/v1/usage?from=yesterday`, { headers: auth });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/"from" must be a date/);
    expect((await fetch(`${gateway.url}/v1/usage`)).status).toBe(401);
  });
});
