// The Insights tables: spend against the premium model per day or week, each model's share of answers and spend
// with the feedback users gave its answers, and each router's share and savings.
import type { ReactNode } from 'react';
import type { ModelUsage, PeriodUsage, RouterUsage, UsageTotals } from '../../core/learn/usage.ts';
import { pct, usd } from '../format.ts';
import { TableHead } from '../components/TableHead.tsx';

interface Column<T> {
  header: string;
  title?: string;
  cell(row: T): ReactNode;
}

function Table<T>({ label, columns, rows, rowKey }: { label: string; columns: Column<T>[]; rows: readonly T[]; rowKey(row: T): string }) {
  return (
    <table aria-label={label}>
      <TableHead columns={columns} />
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.header}>{c.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const withShare = (value: string, share: number | null) => `${value} (${share === null ? '—' : pct(share)})`;
const savings = <T extends UsageTotals>(): Column<T>[] => [
  { header: 'premium only', title: 'what the premium model alone would have cost for the same messages', cell: (t) => usd(t.premium) },
  { header: 'saved', cell: (t) => withShare(usd(t.saved), t.savedShare) },
];

export function PeriodsTable({ periods, by }: { periods: PeriodUsage[]; by: 'day' | 'week' }) {
  const columns: Column<PeriodUsage>[] = [
    { header: by === 'day' ? 'day' : 'week of', cell: (p) => p.period },
    { header: 'messages', cell: (p) => p.messages },
    { header: 'calls', cell: (p) => p.calls },
    { header: 'spent', cell: (p) => usd(p.spent) },
    ...savings<PeriodUsage>(),
  ];
  return <Table label={`Spend by ${by}`} columns={columns} rows={[...periods].reverse()} rowKey={(p) => p.period} />;
}

const MODEL_COLUMNS: Column<ModelUsage>[] = [
  { header: 'model', cell: (m) => m.model },
  { header: 'answers', title: 'messages this model wrote the final answer to', cell: (m) => withShare(String(m.messages), m.messageShare) },
  { header: 'calls', cell: (m) => m.calls },
  { header: 'spent', cell: (m) => withShare(usd(m.spent), m.spendShare) },
  { header: 'thumbs up / down', title: 'thumbs up / down on its answers', cell: (m) => `${m.thumbsUp} / ${m.thumbsDown}` },
  { header: 'mean rating', cell: (m) => (m.meanRating === null ? '—' : `${m.meanRating.toFixed(1)} ★ (${m.ratings})`) },
  { header: 'regenerated', title: 'answers you asked another model to redo', cell: (m) => m.regenerated },
];

export function ModelsTable({ models }: { models: ModelUsage[] }) {
  return <Table label="Models" columns={MODEL_COLUMNS} rows={models} rowKey={(m) => m.model} />;
}

const ROUTER_COLUMNS: Column<RouterUsage>[] = [
  { header: 'router', cell: (r) => r.router },
  { header: 'messages', cell: (r) => withShare(String(r.messages), r.messageShare) },
  { header: 'spent', cell: (r) => withShare(usd(r.spent), r.spendShare) },
  ...savings<RouterUsage>(),
];

export function RoutersTable({ routers }: { routers: RouterUsage[] }) {
  return <Table label="Routers" columns={ROUTER_COLUMNS} rows={routers} rowKey={(r) => r.router} />;
}
