// What routing saved, summed from logged messages (the learning log's routed-call records, from the app, the
// CLI or the gateway): spend, premium-only cost and savings per day, per week and in total; each model's and
// each router's share of messages and of spend; the quality signals users gave each model (so a saving that
// cost quality shows); and the cost/quality knob over time. One function serves the app's Insights page, the
// gateway's GET /v1/usage, and `llmrouter report`; the gateway's savings counters add up the same savingsOf.
import { savingsOf } from './premium.ts';
import type { OutcomeRecord } from './outcome.ts';

export interface UsageTotals {
  messages: number;
  /** Provider calls made (every attempt, every call of a multi-call mode). */
  calls: number;
  /** USD spent. */
  spent: number;
  /** USD the premium model alone would have cost for the same messages. */
  premium: number;
  saved: number;
  /** saved / premium, in [..1]; null when nothing would have cost anything. */
  savedShare: number | null;
}

export interface PeriodUsage extends UsageTotals {
  /** The local day (YYYY-MM-DD), or for a week the local date of its Monday. */
  period: string;
  /** Epoch ms at which the period starts (local time). */
  start: number;
}

export interface ModelUsage {
  model: string;
  /** Messages this model gave the final answer to, and their share of all messages. */
  messages: number;
  messageShare: number;
  calls: number;
  spent: number;
  spendShare: number;
  thumbsUp: number;
  thumbsDown: number;
  ratings: number;
  /** Mean rating (1 to 5) of its answers; null when none was rated. */
  meanRating: number | null;
  /** Answers the user asked another model to redo. */
  regenerated: number;
}

export interface RouterUsage extends UsageTotals {
  router: string;
  messageShare: number;
  spendShare: number;
}

export interface UsageSummary {
  /** The range asked for, epoch ms, `to` exclusive. */
  from?: number;
  to?: number;
  totals: UsageTotals;
  days: PeriodUsage[];
  weeks: PeriodUsage[];
  models: ModelUsage[];
  routers: RouterUsage[];
  /** The knob at each message where it changed (and the first), oldest first. */
  lambda: { at: number; lambda: number }[];
}

export interface UsageRange {
  from?: number;
  to?: number;
}

export function summarizeUsage(records: readonly OutcomeRecord[], range: UsageRange = {}): UsageSummary {
  const chosen = records
    .filter((r) => (range.from === undefined || r.at >= range.from) && (range.to === undefined || r.at < range.to))
    .sort((a, b) => a.at - b.at);
  const totals = totalsOf(chosen);
  return {
    ...(range.from !== undefined ? { from: range.from } : {}),
    ...(range.to !== undefined ? { to: range.to } : {}),
    totals,
    days: periods(chosen, dayStart),
    weeks: periods(chosen, weekStart),
    models: modelsOf(chosen, totals),
    routers: [...groupBy(chosen, (r) => r.router)].map(([router, rs]) => {
      const t = totalsOf(rs);
      return { router, ...t, messageShare: share(t.messages, totals.messages), spendShare: share(t.spent, totals.spent) };
    }),
    lambda: lambdaChanges(chosen),
  };
}

function totalsOf(records: readonly OutcomeRecord[]): UsageTotals {
  let spent = 0;
  let premium = 0;
  let calls = 0;
  for (const r of records) {
    const s = savingsOf(r);
    spent += s.spent;
    premium += s.premium;
    calls += r.path.length;
  }
  return {
    messages: records.length,
    calls,
    spent,
    premium,
    saved: premium - spent,
    savedShare: premium > 0 ? (premium - spent) / premium : null,
  };
}

function periods(records: readonly OutcomeRecord[], startOf: (at: number) => Date): PeriodUsage[] {
  const byStart = groupBy(records, (r) => startOf(r.at).getTime());
  return [...byStart].map(([start, rs]) => ({ period: localDate(new Date(start)), start, ...totalsOf(rs) }));
}

function modelsOf(records: readonly OutcomeRecord[], totals: UsageTotals): ModelUsage[] {
  const models = new Map<string, ModelUsage>();
  const of = (model: string) => {
    let m = models.get(model);
    if (!m)
      models.set(
        model,
        (m = {
          model,
          messages: 0,
          messageShare: 0,
          calls: 0,
          spent: 0,
          spendShare: 0,
          thumbsUp: 0,
          thumbsDown: 0,
          ratings: 0,
          meanRating: null,
          regenerated: 0,
        }),
      );
    return m;
  };
  const ratingSums = new Map<string, number>();
  for (const r of records) {
    const priced = r.path.some((s) => s.cost !== undefined);
    for (const step of r.path) {
      of(step.model).calls++;
      of(step.model).spent += step.cost ?? 0;
    }
    if (!r.answeredBy) continue;
    const m = of(r.answeredBy);
    m.messages++;
    if (!priced) m.spent += r.answerCost;
    const f = r.feedback;
    if (f?.thumbs === 'up') m.thumbsUp++;
    if (f?.thumbs === 'down') m.thumbsDown++;
    if (f?.regeneratedWith) m.regenerated++;
    if (f?.rating !== undefined) {
      m.ratings++;
      ratingSums.set(m.model, (ratingSums.get(m.model) ?? 0) + f.rating);
    }
  }
  return [...models.values()]
    .map((m) => ({
      ...m,
      messageShare: share(m.messages, totals.messages),
      spendShare: share(m.spent, totals.spent),
      meanRating: m.ratings ? ratingSums.get(m.model)! / m.ratings : null,
    }))
    .sort((a, b) => b.spent - a.spent || b.messages - a.messages);
}

function lambdaChanges(records: readonly OutcomeRecord[]): { at: number; lambda: number }[] {
  const points: { at: number; lambda: number }[] = [];
  for (const r of records) if (r.lambda !== undefined && points.at(-1)?.lambda !== r.lambda) points.push({ at: r.at, lambda: r.lambda });
  return points;
}

function groupBy<K, T>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/** The start of the local day of an instant. */
export function dayStart(at: number): Date {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** The start of the local week (Monday) of an instant. */
function weekStart(at: number): Date {
  const d = dayStart(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
