// How the CLI prints a routing mode's steps (on stderr, as they happen) and its closing summary.
import type { ModeResult, ModeStep } from '../core/modes/mode.ts';

const usd = (n: number) => `$${n.toFixed(6)}`;
const cut = (text: string, n = 100) => text.replace(/\s+/g, ' ').slice(0, n);
const paid = (s: ModeStep) => `${s.model}, ${usd(s.cost)}, ${Math.round(s.ms)} ms`;

export function describeStep(s: ModeStep): string {
  switch (s.type) {
    case 'verify':
      return `[cascade: ${s.model} answered, self-verification ${s.score.toFixed(2)} vs threshold ${s.threshold.toFixed(2)} (${s.calibratedOn ? `calibrated on ${s.calibratedOn} points` : 'prior, no calibration data'}): ${s.kept ? 'kept' : 'escalating'} (${paid(s)})]`;
    case 'judge':
      return `[judge ${s.model} chose ${s.chosen ?? 'no enabled model'} (${paid(s)}): ${cut(s.reply)}]`;
    case 'plan':
      return s.error
        ? `[plan attempt ${s.attempt} by ${s.model} was invalid: ${s.error}]`
        : `[plan by ${s.model}: ${s.subqueries!.map((q, i) => `${i + 1}. ${cut(q.query, 60)}${q.model ? ` -> ${q.model}` : ''}`).join('  ')} (${paid(s)})]`;
    case 'sub-answer':
      return `[sub-answer ${s.index + 1} (${s.assignedBy === 'planner' ? 'assigned by the planner' : 'routed'}) by ${paid(s)}: ${cut(s.text)}]`;
    case 'aggregate':
      return `[aggregated by ${paid(s)}]`;
    case 'round':
      return `[round ${s.index} (${paid(s)})${s.think ? ` think: ${cut(s.think, 80)}` : ''}${s.call ? ` call ${s.call.model}: ${cut(s.call.query, 60)}` : ''}${s.error ? ` error: ${s.error}` : s.observation !== undefined ? ` -> ${cut(s.observation, 80)}` : ''}]`;
    case 'answer':
      return `[answered by ${paid(s)}]`;
  }
}

export function describeResult(r: ModeResult): string {
  const premium = r.premiumEstimate ? `; the premium model ${r.premiumEstimate.model} alone: about ${usd(r.premiumEstimate.cost)}` : '';
  return `[${r.mode}: ${r.steps.length} steps, final answer by ${r.model}; total ${usd(r.cost)}${premium}${r.note ? `; ${r.note}` : ''}]`;
}
