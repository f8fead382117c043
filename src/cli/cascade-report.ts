// `llmrouter eval --router cascade`: the answer-aware cascade scored on data that keeps the cheap model's
// responses (core/eval/cascade-eval.ts), printed as one JSON object with --json, else as text.
import { evaluateCascade, type CascadeReport } from '../core/eval/cascade-eval.ts';
import type { RoutingSample } from '../core/data/sample.ts';
import type { FlagValues } from './command.ts';
import { numberFlag } from './command.ts';

export const CASCADE_ROUTER = 'cascade';
export const cascadeFlags = { cheap: { type: 'string' }, premium: { type: 'string' }, target: { type: 'string' } } as const;
export const CASCADE_USAGE = '(with --router cascade: [--cheap MODEL] [--premium MODEL] [--target 0.95])';

export async function printCascade(values: FlagValues, train: RoutingSample[], test: RoutingSample[]): Promise<void> {
  const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const r = await evaluateCascade({
    train,
    test,
    cheap: text('cheap'),
    premium: text('premium'),
    target: numberFlag(values, 'target', 0.95),
  });
  if (values.json) return void console.log(JSON.stringify(r));
  console.log(lines(r).join('\n'));
}

function lines(r: CascadeReport): string[] {
  const pct = (v: number | null) => (v === null ? 'never' : `${(v * 100).toFixed(1)}%`);
  const c = r.calibrated;
  return [
    `cascade: ${r.cheap} answers, the on-device verifier checks (test AUC ${r.verifier_auc.toFixed(3)}), ` +
      `${r.premium} takes the doubted (${r.order === 'doubt' ? 'most doubted first' : 'most doubt per estimated dollar first'}); ` +
      `trained on ${r.n_train}, tested on ${r.n_test}`,
    `best single  ${r.best_single.model}  quality ${r.best_single.quality.toFixed(4)}  cost $${r.best_single.cost.toFixed(4)}`,
    `calibrated on the training split for ${pct(c.target)} of ${r.premium}: threshold ${c.threshold.toFixed(3)}, ` +
      `escalated ${pct(c.escalated)}, quality ${c.quality.toFixed(4)} (${pct(c.quality_vs_premium)}), ` +
      `cost $${c.cost.toFixed(4)} (${pct(c.cost_vs_premium)}), every call counted`,
    `AIQ ${r.aiq.toFixed(4)}   quality at best-single cost ${r.quality_at_best_single_cost?.toFixed(4) ?? 'n/a'}   ` +
      `cost to 95% of best single ${pct(r.cost_at_95pct_best_quality)}`,
    '',
    'threshold  escalated  quality  cost (USD)',
    ...r.curve.map(
      (p) => `${p.threshold.toFixed(3).padEnd(9)}  ${pct(p.escalated).padStart(8)}  ${p.quality.toFixed(4)}   ${p.cost.toFixed(4)}`,
    ),
  ];
}
