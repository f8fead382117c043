// Insights: what routing spent and saved, from the learning log: the totals (today and all time) against the
// premium model alone, a chart of both over time, per day or week, each model's and router's share with the
// feedback users gave, and the slider over time; exports as CSV (one row per message) and as the JSONL log
// `llmrouter report --log` reads. The sums are core's (core/learn/usage.ts), shared with the gateway and CLI.
import { useMemo, useState } from 'react';
import { summarizeUsage, type UsageSummary, type UsageTotals } from '../../core/learn/usage.ts';
import type { OutcomeRecord } from '../../core/learn/outcome.ts';
import { useLearning } from '../stores/learning.ts';
import { download } from '../download.ts';
import { pct, usd } from '../format.ts';
import { messagesCsv, runningTotals, todayOf } from './insights-data.ts';
import { SavingsChart } from './SavingsChart.tsx';
import { LambdaChart } from './LambdaChart.tsx';
import { ModelsTable, PeriodsTable, RoutersTable } from './UsageTables.tsx';

export function InsightsPage() {
  const records = useLearning((s) => s.outcomes);
  const summary = useMemo(() => summarizeUsage(records), [records]);
  if (summary.totals.messages === 0) {
    return (
      <div className="page insights">
        <h2>Insights</h2>
        <section className="card" aria-label="No messages yet">
          <p>
            Nothing routed yet. Each message you send in Chat is logged here, on this device only: what it cost, what the premium model
            alone would have cost for it, and how you rated the answer.
          </p>
          <p className="muted">After a few messages this page shows your savings over time, per model and per router.</p>
        </section>
      </div>
    );
  }
  return (
    <div className="page insights">
      <h2>Insights</h2>
      <Totals records={records} summary={summary} premiumLabel={premiumLabel(records)} />
      <Periods summary={summary} />
      <section className="card" aria-label="Models">
        <h3>Models</h3>
        <ModelsTable models={summary.models} />
      </section>
      <section className="card" aria-label="Routers">
        <h3>Routers</h3>
        <RoutersTable routers={summary.routers} />
      </section>
      <Slider points={summary.lambda} messages={summary.totals.messages} />
    </div>
  );
}

/** "gpt-5 alone" when one model was the premium alternative throughout, else "the premium model alone". */
function premiumLabel(records: readonly OutcomeRecord[]): string {
  const models = new Set(records.flatMap((r) => (r.premium ? [r.premium.model] : [])));
  return models.size === 1 ? `${[...models][0]} alone` : 'the premium model alone';
}

function Totals({ records, summary, premiumLabel }: { records: readonly OutcomeRecord[]; summary: UsageSummary; premiumLabel: string }) {
  const totals = useMemo(() => runningTotals(records), [records]);
  const { messages, calls } = summary.totals;
  return (
    <section className="card" aria-label="Savings">
      <div className="figures">
        <Figures label="Today" totals={todayOf(summary)} premiumLabel={premiumLabel} />
        <Figures label="All time" totals={summary.totals} premiumLabel={premiumLabel} />
      </div>
      <p className="muted">
        {messages === 1 ? 'One message' : `${messages} messages`}, {calls === 1 ? 'one provider call' : `${calls} provider calls`} (every
        attempt and every call of a cascade, decomposition or agent counted).
      </p>
      {messages > 1 ? (
        <SavingsChart totals={totals} premiumLabel={premiumLabel} />
      ) : (
        <p className="muted">The chart of spend against {premiumLabel} appears from the second message.</p>
      )}
      <div className="row">
        <button onClick={() => download(`llmrouter-insights-${today()}.csv`, messagesCsv(records), 'text/csv')}>Export CSV</button>
        <button
          onClick={() =>
            download(`llmrouter-log-${today()}.jsonl`, records.map((r) => JSON.stringify(r)).join('\n') + '\n', 'application/x-ndjson')
          }
        >
          Export log (JSONL)
        </button>
        <span className="muted">
          The log reads back with <code>llmrouter report --log FILE</code>.
        </span>
      </div>
    </section>
  );
}

function Figures({ label, totals, premiumLabel }: { label: string; totals: UsageTotals; premiumLabel: string }) {
  return (
    <dl aria-label={label}>
      <dt>{label}</dt>
      <dd>
        Spent <strong aria-label={`${label} spent`}>{usd(totals.spent)}</strong>
      </dd>
      <dd>
        {premiumLabel}: <span aria-label={`${label} premium only`}>{usd(totals.premium)}</span>
      </dd>
      <dd>
        Saved <strong aria-label={`${label} saved`}>{usd(totals.saved)}</strong>
        {totals.savedShare !== null && <span aria-label={`${label} saved percent`}> ({pct(totals.savedShare)})</span>}
      </dd>
    </dl>
  );
}

function Periods({ summary }: { summary: UsageSummary }) {
  const [by, setBy] = useState<'day' | 'week'>('day');
  return (
    <section className="card" aria-label="Over time">
      <div className="row">
        <h3>By {by}</h3>
        <div role="radiogroup" aria-label="Group by" className="row">
          {(['day', 'week'] as const).map((p) => (
            <label key={p}>
              <input type="radio" name="insights-period" checked={by === p} onChange={() => setBy(p)} /> {p}
            </label>
          ))}
        </div>
      </div>
      <PeriodsTable periods={by === 'day' ? summary.days : summary.weeks} by={by} />
    </section>
  );
}

function Slider({ points, messages }: { points: { at: number; lambda: number }[]; messages: number }) {
  return (
    <section className="card" aria-label="Cost/quality slider">
      <h3>Cost/quality slider</h3>
      {points.length === 0 ? (
        <p className="muted">These messages were logged before the slider setting was recorded.</p>
      ) : messages > 1 ? (
        <LambdaChart points={points} />
      ) : (
        <p>Routed at λ = {points[0]!.lambda.toPrecision(2)}.</p>
      )}
    </section>
  );
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
