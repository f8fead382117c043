// The Insights page's own data: running totals message by message, today's figures, and a CSV that a hostile
// provider error cannot turn into a spreadsheet formula.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { OutcomeRecord } from '../../core/learn/outcome.ts';
import { summarizeUsage } from '../../core/learn/usage.ts';
import { messagesCsv, runningTotals, todayOf } from './insights-data.ts';

const now = new Date(2026, 11, 2, 15).getTime();
const record = (at: number, spent: number, premium: number, over: Partial<OutcomeRecord> = {}): OutcomeRecord => ({
  id: `r${at}`,
  type: 'routed-call',
  callId: `c${at}`,
  at,
  query: 'secret question',
  router: 'irt',
  chosen: 'nano',
  path: [{ model: 'nano', kind: 'ok', latencyMs: 1, cost: spent }],
  answeredBy: 'nano',
  latency_ms: 1,
  input_tokens: 1,
  output_tokens: 1,
  answerCost: spent,
  lambda: 3,
  premium: { model: 'gpt-5', cost: premium },
  ...over,
});
const log = [record(now - 3600_000, 0.002, 0.01), record(now - 86_400_000 * 2, 0.001, 0.004), record(now - 60_000, 0.003, 0.003)];

describe('Insights data', () => {
  it('runs the totals in time order', () => {
    const totals = runningTotals(log);
    expect(totals.xs).toEqual([now - 86_400_000 * 2, now - 3600_000, now - 60_000].map((t) => t / 1000));
    expect(totals.spent.map((v) => Number(v.toFixed(6)))).toEqual([0.001, 0.003, 0.006]);
    expect(totals.premium.map((v) => Number(v.toFixed(6)))).toEqual([0.004, 0.014, 0.017]);
  });

  it("gives today's figures, and zeros for a day without messages", () => {
    const today = todayOf(summarizeUsage(log), now);
    expect(today.messages).toBe(2);
    expect(today.saved).toBeCloseTo(0.008, 12);
    expect(todayOf(summarizeUsage(log), now + 86_400_000 * 5)).toMatchObject({ messages: 0, spent: 0, savedShare: null });
  });

  it('exports one row per message without the query, escaping what a spreadsheet would run', () => {
    const hostile = record(now, 0, 0, { error: '=HYPERLINK("http://evil.example","click")', router: '+cmd' });
    const rows = Papa.parse<Record<string, string>>(messagesCsv([...log, hostile]), { header: true }).data;
    expect(rows).toHaveLength(4);
    expect(messagesCsv(log)).not.toContain('secret question');
    expect(rows[3]!.error).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(rows[3]!.router).toBe("'+cmd");
    expect(Number(rows[0]!.saved_usd)).toBeCloseTo(0.008, 12);
  });
});
