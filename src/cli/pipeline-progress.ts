// The pipeline's progress on stderr (done/total, failures, spend, ETA; src/cli/progress.ts's rules, shown for any
// run size since every call costs money) and the cost estimate shown before a run.
import type { RunEstimate } from '../core/pipeline/estimate.ts';
import type { RunProgress } from '../core/pipeline/run.ts';
import { progress, type Progress } from './progress.ts';

export function progressPrinter(budgetUsd?: number): { onProgress: (p: RunProgress) => void; end: () => void } {
  let line: Progress | undefined;
  return {
    onProgress: (p) => {
      line ??= progress('generate', p.total, { minItems: 0 });
      const spend = `$${p.spentUsd.toFixed(4)}${budgetUsd !== undefined ? ` of $${budgetUsd.toFixed(2)}` : ''}`;
      line.update(p.done, `${p.failed} failed, spent ${spend}`, p.etaMs);
    },
    end: () => line?.end(),
  };
}

export function estimateLines(e: RunEstimate, maxTokens: number): string[] {
  return [
    `${e.calls} calls, about ${e.inputTokens} input tokens; ` +
      `expected cost $${e.expectedUsd.toFixed(4)}, at most $${e.maxUsd.toFixed(4)} (every answer at ${maxTokens} tokens)`,
    ...Object.entries(e.perModel).map(
      ([model, m]) => `  ${model}: ${m.calls} calls, expected $${m.expectedUsd.toFixed(4)}, at most $${m.maxUsd.toFixed(4)}`,
    ),
  ];
}
