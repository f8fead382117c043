// The Insights page's data from the learning log: the running totals its chart draws (spend and the premium
// model alone, message by message) and the per-message CSV it exports; the sums themselves are core's
// (core/learn/usage.ts), so the page, the gateway and `llmrouter report` agree.
import Papa from 'papaparse';
import type { OutcomeRecord } from '../../core/learn/outcome.ts';
import { savingsOf } from '../../core/learn/premium.ts';
import { dayStart, type UsageSummary, type UsageTotals } from '../../core/learn/usage.ts';

export interface RunningTotals {
  /** Seconds since the epoch of each message. */
  xs: number[];
  spent: number[];
  premium: number[];
}

export function runningTotals(records: readonly OutcomeRecord[]): RunningTotals {
  const series: RunningTotals = { xs: [], spent: [], premium: [] };
  let spent = 0;
  let premium = 0;
  for (const r of [...records].sort((a, b) => a.at - b.at)) {
    const s = savingsOf(r);
    spent += s.spent;
    premium += s.premium;
    series.xs.push(r.at / 1000);
    series.spent.push(spent);
    series.premium.push(premium);
  }
  return series;
}

/** Today's totals (local day), zero when nothing was logged today. */
export function todayOf(summary: UsageSummary, now = Date.now()): UsageTotals {
  const start = dayStart(now).getTime();
  return summary.days.find((d) => d.start === start) ?? { messages: 0, calls: 0, spent: 0, premium: 0, saved: 0, savedShare: null };
}

/** One row per message (no query text): when, how it was routed, what it cost and would have cost, the feedback. */
export function messagesCsv(records: readonly OutcomeRecord[]): string {
  return Papa.unparse(
    records.map((r) => {
      const s = savingsOf(r);
      return {
        time: new Date(r.at).toISOString(),
        router: r.router,
        mode: r.mode ?? 'single',
        lambda: r.lambda ?? '',
        answered_by: r.answeredBy ?? '',
        calls: r.path.length,
        spent_usd: s.spent,
        premium_model: r.premium?.model ?? '',
        premium_only_usd: s.premium,
        premium_estimated: r.premium?.estimated ? 'yes' : '',
        saved_usd: s.saved,
        thumbs: r.feedback?.thumbs ?? '',
        rating: r.feedback?.rating ?? '',
        regenerated_with: r.feedback?.regeneratedWith ?? '',
        error: r.error ?? '',
      };
    }),
    // Provider error messages are untrusted: a cell starting with = + - @ must not run as a spreadsheet formula.
    { escapeFormulae: true },
  );
}
