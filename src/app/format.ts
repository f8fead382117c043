// Number formats shared by the chat, the lab and settings.
export function usd(value: number): string {
  if (value === 0) return '$0';
  if (value < 0.01) return `$${value.toPrecision(2)}`;
  return `$${value.toFixed(value < 10 ? 3 : 2)}`;
}

export function pct(value: number): string {
  return `${(value * 100).toFixed(0)}%`;
}

export function bytes(value: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = value;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** Embedding progress in words with the time left, e.g. "embedding 1,280 / 5,608 queries, about 40 s left". */
export function embeddingDetail({ done, total, secondsLeft }: { done: number; total: number; secondsLeft: number }): string {
  const left =
    done >= total
      ? 'done'
      : secondsLeft >= 90
        ? `about ${Math.round(secondsLeft / 60)} min left`
        : `about ${Math.max(1, Math.round(secondsLeft))} s left`;
  return `embedding ${done.toLocaleString('en')} / ${total.toLocaleString('en')} queries, ${left}`;
}
