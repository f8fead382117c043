// The savings summary: spend, premium-only cost and savings per day, week, model and router, quality signals per
// model, the knob over time; a multi-call mode counts every call; a log from the gateway or an app backup reads
// into the same records, and a bad record is named.
import { describe, expect, it } from 'vitest';
import { DataError } from '../data/data-error.ts';
import { readCallLog } from './call-log.ts';
import type { OutcomeRecord } from './outcome.ts';
import { premiumAlternative, savingsOf } from './premium.ts';
import { summarizeUsage } from './usage.ts';
import { usageRange } from './usage-range.ts';
import { spentAttempt } from '../../../test/helpers/spent-attempt.ts';

const day = (d: number, hour = 12) => new Date(2026, 10, d, hour).getTime();

function call(at: number, over: Partial<OutcomeRecord> = {}): OutcomeRecord {
  return {
    id: `r${at}`,
    type: 'routed-call',
    callId: `c${at}`,
    at,
    query: 'q',
    router: 'knn',
    chosen: 'nano',
    path: [{ model: 'nano', kind: 'ok', latencyMs: 5, cost: 0.001 }],
    answeredBy: 'nano',
    latency_ms: 5,
    input_tokens: 100,
    output_tokens: 200,
    answerCost: 0.001,
    lambda: 0.5,
    premium: { model: 'big', cost: 0.01 },
    ...over,
  };
}

const log: OutcomeRecord[] = [
  call(day(23), { feedback: { thumbs: 'up' } }),
  call(day(24), { feedback: { rating: 2, regeneratedWith: 'big' } }),
  // a fallback: the first attempt failed after costing something, the second answered
  call(day(30, 9), {
    path: [
      { model: 'mini', kind: 'server', latencyMs: 3, cost: 0.0005 },
      { model: 'nano', kind: 'ok', latencyMs: 5, cost: 0.001 },
    ],
    lambda: 0.8,
  }),
  // a cascade that escalated: three calls, the premium one answered; it cost more than the premium alone
  call(day(30, 10), {
    mode: 'cascade',
    router: 'bert',
    chosen: 'nano',
    answeredBy: 'big',
    answerCost: 0.01,
    path: [
      { model: 'nano', kind: 'ok', latencyMs: 5, cost: 0.001 },
      { model: 'nano', kind: 'ok', latencyMs: 5, cost: 0.002 },
      { model: 'big', kind: 'ok', latencyMs: 9, cost: 0.01 },
    ],
    premium: { model: 'big', cost: 0.011, estimated: true },
    feedback: { thumbs: 'down' },
  }),
];

describe('the savings summary', () => {
  it('adds spend, premium-only cost and savings over every call, by day and by week', () => {
    const s = summarizeUsage(log);
    expect(s.totals).toMatchObject({ messages: 4, calls: 7 });
    expect(s.totals.spent).toBeCloseTo(0.001 + 0.001 + 0.0015 + 0.013, 12);
    expect(s.totals.premium).toBeCloseTo(0.01 + 0.01 + 0.01 + 0.011, 12);
    expect(s.totals.saved).toBeCloseTo(0.041 - 0.0165, 12);
    expect(s.totals.savedShare).toBeCloseTo(0.0245 / 0.041, 12);
    expect(s.days.map((d) => [d.period, d.messages])).toEqual([
      ['2026-11-23', 1],
      ['2026-11-24', 1],
      ['2026-11-30', 2],
    ]);
    expect(s.days[2]!.saved).toBeCloseTo(0.021 - 0.0145, 12);
    // 23 Nov 2026 is a Monday; the 24th is in its week, the 30th starts the next
    expect(s.weeks.map((w) => [w.period, w.messages])).toEqual([
      ['2026-11-23', 2],
      ['2026-11-30', 2],
    ]);
  });

  it('shares messages and spend per model (every call of a mode counted) and per router, with quality signals', () => {
    const s = summarizeUsage(log);
    const nano = s.models.find((m) => m.model === 'nano')!;
    expect(nano).toMatchObject({ messages: 3, calls: 5, thumbsUp: 1, thumbsDown: 0, ratings: 1, meanRating: 2, regenerated: 1 });
    expect(nano.spent).toBeCloseTo(0.006, 12);
    expect(nano.messageShare).toBe(0.75);
    expect(s.models.find((m) => m.model === 'big')).toMatchObject({ messages: 1, calls: 1, thumbsDown: 1, meanRating: null });
    expect(s.models.find((m) => m.model === 'mini')).toMatchObject({ messages: 0, calls: 1 });
    expect(s.models.reduce((n, m) => n + m.spendShare, 0)).toBeCloseTo(1, 12);
    const bert = s.routers.find((r) => r.router === 'bert')!;
    expect(bert).toMatchObject({ messages: 1, messageShare: 0.25 });
    expect(bert.saved).toBeCloseTo(-0.002, 12);
  });

  it('keeps the knob where it changed, and only the range asked for', () => {
    expect(summarizeUsage(log).lambda).toEqual([
      { at: day(23), lambda: 0.5 },
      { at: day(30, 9), lambda: 0.8 },
      { at: day(30, 10), lambda: 0.5 },
    ]);
    const range = summarizeUsage(log, { from: day(24, 0), to: day(30, 0) });
    expect(range.totals.messages).toBe(1);
    expect(range).toMatchObject({ from: day(24, 0), to: day(30, 0) });
  });

  it('reads well with nothing logged', () => {
    const s = summarizeUsage([]);
    expect(s.totals).toEqual({ messages: 0, calls: 0, spent: 0, premium: 0, saved: 0, savedShare: null });
    expect([s.days, s.models, s.routers, s.lambda]).toEqual([[], [], [], []]);
  });
});

describe("one message's saving", () => {
  it('prices the premium model with the tokens used: the first input, every output token', () => {
    const big = { id: 'big', input_price: 2, output_price: 10 };
    const p = premiumAlternative(big, [
      { inputTokens: 1000, outputTokens: 300 },
      { inputTokens: 1400, outputTokens: 200 },
    ]);
    expect(p).toEqual({ model: 'big', cost: (2 * 1000 + 10 * 500) / 1e6 });
  });

  it("counts an older record without per-attempt costs at its answer's cost, and no alternative as no saving", () => {
    const old = call(1, { path: [{ model: 'nano', kind: 'ok', latencyMs: 1 }], premium: undefined, answerCost: 0.003 });
    expect(savingsOf(old)).toEqual({ spent: 0.003, premium: 0.003, saved: 0 });
  });
});

describe('reading a call log', () => {
  const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n');

  it("reads the gateway's JSONL, merging feedback lines and skipping attempts", () => {
    const records = readCallLog(
      lines({ type: 'attempt', callId: 'c2' }, log[1]!, log[0]!, {
        type: 'feedback',
        callId: log[1]!.callId,
        feedback: { thumbs: 'down' },
      }),
      'calls.jsonl',
    );
    expect(records.map((r) => r.id)).toEqual([log[0]!.id, log[1]!.id]);
    expect(records[1]!.feedback).toEqual({ rating: 2, regeneratedWith: 'big', thumbs: 'down' });
  });

  it("reads an app backup's outcomes store, skipping its attempt records", () => {
    const attempt = spentAttempt(0.1, { id: 'a1', at: 1, callId: 'c1', model: 'nano' });
    const backup = {
      format: 'llmrouter-web/backup',
      version: 1,
      exportedAt: 'x',
      stores: {
        outcomes: [
          ['a1', attempt],
          [log[3]!.id, log[3]],
        ],
      },
    };
    const records = readCallLog(JSON.stringify(backup, null, 2), 'backup.json');
    expect(records).toHaveLength(1);
    expect(summarizeUsage(records).totals.calls).toBe(3);
  });

  it('names the file, line and field of a bad record', () => {
    const bad = { ...log[0]!, premium: { model: 'big', cost: -1 } };
    expect(() => readCallLog(lines(log[1]!, bad), 'calls.jsonl')).toThrow(DataError);
    expect(() => readCallLog(lines(log[1]!, bad), 'calls.jsonl')).toThrow(/calls.jsonl, line 2, field "premium.cost"/);
    expect(() => readCallLog(lines({ type: 'chat' }), 'calls.jsonl')).toThrow(
      /line 1, field "type": expected one of routed-call, attempt, feedback/,
    );
  });
});

describe('the range of a summary', () => {
  it('reads local dates (to takes in the whole day), ISO times and epoch ms, and names a bad bound', () => {
    expect(usageRange('2026-11-24', '2026-11-30')).toEqual({ from: day(24, 0), to: day(31, 0) });
    expect(usageRange(undefined, '1700000000000')).toEqual({ to: 1_700_000_000_000 });
    expect(usageRange('2026-11-24T10:00:00Z', undefined)).toEqual({ from: Date.UTC(2026, 10, 24, 10) });
    expect(() => usageRange('2026-02-30', undefined)).toThrow(/"from" must be a date/);
    expect(() => usageRange('2026-11-30', '2026-11-01')).toThrow(/"to" .* must be after "from"/);
  });
});
