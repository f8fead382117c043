// The pipeline's progress line on stderr (done/total, failures, spend, ETA), redrawn in place on a terminal and
// printed every tenth of the run otherwise; and the cost estimate shown before a run.
import type { RunEstimate } from '../core/pipeline/estimate.ts';
import type { RunProgress } from '../core/pipeline/run.ts';

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function progressLine(p: RunProgress, budgetUsd?: number): string {
  const share = p.total ? ((p.done / p.total) * 100).toFixed(1) : '100.0';
  const spend = `$${p.spentUsd.toFixed(4)}${budgetUsd !== undefined ? ` of $${budgetUsd.toFixed(2)}` : ''}`;
  return `[generate] ${p.done}/${p.total} (${share}%), ${p.failed} failed, spent ${spend}, ETA ${p.etaMs !== undefined ? duration(p.etaMs) : '?'}`;
}

export function progressPrinter(budgetUsd?: number): (p: RunProgress) => void {
  let lastTenth = -1;
  return (p) => {
    const line = progressLine(p, budgetUsd);
    if (process.stderr.isTTY) return void process.stderr.write(`\r${line}\u001b[K`);
    const tenth = p.total ? Math.floor((p.done / p.total) * 10) : 10;
    if (tenth !== lastTenth) process.stderr.write(`${line}\n`);
    lastTenth = tenth;
  };
}

export function estimateLines(e: RunEstimate, maxTokens: number): string[] {
  return [
    `${e.calls} calls, about ${e.inputTokens} input tokens; expected cost $${e.expectedUsd.toFixed(4)}, at most $${e.maxUsd.toFixed(4)} (every answer at ${maxTokens} tokens)`,
    ...Object.entries(e.perModel).map(([model, m]) => `  ${model}: ${m.calls} calls, expected $${m.expectedUsd.toFixed(4)}, at most $${m.maxUsd.toFixed(4)}`),
  ];
}
