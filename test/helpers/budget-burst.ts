// The $1-budget scenario the fleet tests and bench/server.ts share: one model priced so that each capped call
// costs about $0.024 (50 of them would spend $1.20), answered by a provider that ignores max_tokens, and a
// burst of parallel calls spread over one or more gateways, optionally with something done mid-burst (Redis
// restarted, or two bursts around a Redis restart). What came back is compared with what the logs and Redis counted.
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import type { TestServer } from '../../test-server/server.ts';
import { client } from './gateway-fixture.ts';

/** 24 output tokens at $1,000 per million: $0.024 a call, plus a few input tokens at $1 per million. */
export const BURST_MAX_TOKENS = 24;
export const PRICEY_MODEL = {
  id: 'pricey',
  provider: 'test-openai',
  api_model: 'echo-small',
  input_price: 1,
  output_price: 1000,
  context_window: 8192,
  description: 'pricey',
};
/** A 60-word answer: the provider test server ignores max_tokens, so the gateway must stop it. */
export const LONG_ANSWER = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

export interface BurstResult {
  calls: number;
  answered: number;
  /** Calls refused by the budget (429 budget_exceeded): never sent to the provider. */
  refused: number;
  /** Any other outcome: an answer lost. */
  lost: number;
  /** What the lost calls got instead (status and message), to say why. */
  lost_as: string[];
  /** Sum of the answered calls' cost_usd, as the clients were told. */
  answered_usd: number;
}

/** `calls` parallel calls spread round-robin over `urls`; `midBurst` runs once `startedCalls()` reaches `after`. */
export async function budgetBurst(
  urls: string[],
  calls: number,
  midBurst?: { after: number; startedCalls: () => number; run: () => Promise<void> },
): Promise<BurstResult> {
  const ask = (url: string) =>
    client(url)
      .chat.completions.create({
        model: PRICEY_MODEL.id,
        max_tokens: BURST_MAX_TOKENS,
        messages: [{ role: 'user', content: 'tell me a long story' }],
      })
      .then(
        (answer) => ({
          kind: answer.choices[0]?.message.content ? 'answered' : 'lost',
          usd: (answer as unknown as { llmrouter: { cost_usd: number } }).llmrouter.cost_usd,
          as: 'an empty answer',
        }),
        (e: { status?: number; code?: string; message?: string }) => ({
          kind: e.status === 429 && e.code === 'budget_exceeded' ? 'refused' : 'lost',
          usd: 0,
          as: `${e.status}: ${e.message}`,
        }),
      );
  const burst = Promise.all(Array.from({ length: calls }, (_, i) => ask(urls[i % urls.length]!)));
  if (midBurst) {
    while (midBurst.startedCalls() < midBurst.after) await new Promise((r) => setTimeout(r, 5));
    await midBurst.run();
  }
  const outcomes = await burst;
  const count = (kind: string) => outcomes.filter((o) => o.kind === kind).length;
  const lostAs = outcomes.filter((o) => o.kind === 'lost').map((o) => o.as);
  return {
    calls,
    answered: count('answered'),
    refused: count('refused'),
    lost: count('lost'),
    lost_as: lostAs,
    answered_usd: outcomes.reduce((n, o) => n + o.usd, 0),
  };
}

/** 50 calls over `urls`, Redis restarted by `restart` once 10 of them reached `server`, then 50 more: both bursts summed. */
export async function burstsAcrossRestart(urls: string[], server: TestServer, restart: () => Promise<void>): Promise<BurstResult> {
  const reached = () => server.requests.filter((r) => r.model === PRICEY_MODEL.api_model).length;
  const before = reached();
  const first = await budgetBurst(urls, 50, { after: 10, startedCalls: () => reached() - before, run: restart });
  const second = await budgetBurst(urls, 50);
  return {
    calls: first.calls + second.calls,
    answered: first.answered + second.answered,
    refused: first.refused + second.refused,
    lost: first.lost + second.lost,
    lost_as: [...first.lost_as, ...second.lost_as],
    answered_usd: first.answered_usd + second.answered_usd,
  };
}

/** USD the gateways' logs recorded as attempts' costs. */
export function loggedUsd(logs: string[]): number {
  return logs
    .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
    .filter((line) => line.includes('"type":"attempt"'))
    .reduce((n, line) => n + (JSON.parse(line) as { cost: number }).cost, 0);
}

/** What a fleet's Redis holds under `prefix`: the spend of every instance and the amounts of live leases. */
export async function redisFigures(
  url: string,
  prefix: string,
): Promise<{ spent_usd: number; leased_usd: number; negatives: number; keys_without_ttl: number }> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const figures = { spent_usd: 0, leased_usd: 0, negatives: 0, keys_without_ttl: 0 };
    for (const key of await redis.keys(`${prefix}*`)) {
      if ((await redis.ttl(key)) === -1) figures.keys_without_ttl += 1;
      const daily = /spent:\d{4}-\d{2}-\d{2}$/.test(key);
      const values = key.includes(':spent:')
        ? (await redis.hvals(key)).map(Number)
        : key.includes(':leases:')
          ? (await redis.zrange(key, '0', '-1')).map((m) => Number(m.split('|')[1]))
          : [];
      figures.negatives += values.filter((v) => v < 0).length;
      if (daily && key.includes(':spent:')) figures.spent_usd += values.reduce((n, v) => n + v, 0);
      if (/leases:\d{4}-\d{2}-\d{2}$/.test(key)) figures.leased_usd += values.reduce((n, v) => n + v, 0);
    }
    return figures;
  } finally {
    redis.disconnect();
  }
}
