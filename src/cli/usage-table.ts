// The savings summary (core/learn/usage.ts) as the text `llmrouter report` prints: totals, per day, per week,
// per router and per model (with the quality signals users gave), and the cost/quality knob over time.
import type { PeriodUsage, UsageSummary, UsageTotals } from '../core/learn/usage.ts';

const usd = (n: number) => `$${n.toFixed(4)}`;
const pct = (n: number | null) => (n === null ? '-' : `${(n * 100).toFixed(1)}%`);

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

const SAVINGS = ['messages', 'calls', 'spent', 'premium only', 'saved', 'saved %'];
const savings = (t: UsageTotals) => [String(t.messages), String(t.calls), usd(t.spent), usd(t.premium), usd(t.saved), pct(t.savedShare)];
const periods = (title: string, ps: PeriodUsage[]) => [
  '',
  ...table(
    [title, ...SAVINGS],
    ps.map((p) => [p.period, ...savings(p)]),
  ),
];

export function usageTable(s: UsageSummary): string {
  if (s.totals.messages === 0) return 'No routed messages in this log (or in this range) yet: nothing was spent or saved.';
  const lines = [
    ...table(['', ...SAVINGS], [['total', ...savings(s.totals)]]),
    ...periods('day', s.days),
    ...periods('week of', s.weeks),
    '',
    ...table(
      ['router', ...SAVINGS, 'msg share', 'spend share'],
      s.routers.map((r) => [r.router, ...savings(r), pct(r.messageShare), pct(r.spendShare)]),
    ),
    '',
    ...table(
      ['model', 'answers', 'msg share', 'calls', 'spent', 'spend share', 'thumbs up', 'thumbs down', 'mean rating', 'regenerated'],
      s.models.map((m) => [
        m.model,
        String(m.messages),
        pct(m.messageShare),
        String(m.calls),
        usd(m.spent),
        pct(m.spendShare),
        String(m.thumbsUp),
        String(m.thumbsDown),
        m.meanRating === null ? '-' : `${m.meanRating.toFixed(2)} of ${m.ratings}`,
        String(m.regenerated),
      ]),
    ),
  ];
  if (s.lambda.length > 0)
    lines.push(
      '',
      `lambda: ${s.lambda.map((p) => `${p.lambda} from ${new Date(p.at).toISOString().slice(0, 16).replace('T', ' ')}`).join(', ')}`,
    );
  return lines.join('\n');
}
