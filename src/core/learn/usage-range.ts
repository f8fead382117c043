// The range a usage summary covers, as `--from/--to` (CLI) and `?from=&to=` (gateway) give it: a local date
// (YYYY-MM-DD: `from` starts at its midnight, `to` takes in the whole day), an ISO timestamp, or epoch ms.
import type { UsageRange } from './usage.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses both bounds; an unreadable one throws an error naming it. */
export function usageRange(from: string | undefined, to: string | undefined): UsageRange {
  const range: UsageRange = {};
  if (from) range.from = instant(from, 'from', false);
  if (to) range.to = instant(to, 'to', true);
  if (range.from !== undefined && range.to !== undefined && range.to <= range.from)
    throw new Error(`"to" (${to}) must be after "from" (${from})`);
  return range;
}

function instant(text: string, name: string, endOfDay: boolean): number {
  if (DATE.test(text)) {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const start = new Date(y, m - 1, d);
    if (start.getMonth() === m - 1 && start.getDate() === d) return endOfDay ? new Date(y, m - 1, d + 1).getTime() : start.getTime();
  } else if (/^\d+$/.test(text)) {
    return Number(text);
  } else {
    const at = Date.parse(text);
    if (Number.isFinite(at)) return at;
  }
  throw new Error(`"${name}" must be a date (YYYY-MM-DD), an ISO time or epoch milliseconds, got "${text}"`);
}
