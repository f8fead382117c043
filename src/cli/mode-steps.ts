// How the CLI prints a routing mode's steps (on stderr, as they happen) and its closing summary.
import type { ModeResult, ModeStep } from '../core/modes/mode.ts';

const usd = (n: number) => `$${n.toFixed(6)}`;
const cut = (text: string, n = 100) => text.replace(/\s+/g, ' ').slice(0, n);
const paid = (s: ModeStep) => `${s.model}, ${usd(s.cost)}, ${Math.round(s.ms)} ms`;

type StepOf<T extends ModeStep['type']> = Extract<ModeStep, { type: T }>;

function describeVerify(s: StepOf<'verify'>): string {
  const basis = s.calibratedOn ? `calibrated on ${s.calibratedOn} points` : 'prior, no calibration data';
  const verdict = s.kept ? 'kept' : 'escalating';
  const check = `self-verification ${s.score.toFixed(2)} vs threshold ${s.threshold.toFixed(2)}`;
  return `[cascade: ${s.model} answered, ${check} (${basis}): ${verdict} (${paid(s)})]`;
}

function describePlan(s: StepOf<'plan'>): string {
  if (s.error) return `[plan attempt ${s.attempt} by ${s.model} was invalid: ${s.error}]`;
  const parts = s.subqueries!.map((q, i) => `${i + 1}. ${cut(q.query, 60)}${q.model ? ` -> ${q.model}` : ''}`);
  return `[plan by ${s.model}: ${parts.join('  ')} (${paid(s)})]`;
}

function describeSubAnswer(s: StepOf<'sub-answer'>): string {
  const by = s.assignedBy === 'planner' ? 'assigned by the planner' : 'routed';
  return `[sub-answer ${s.index + 1} (${by}) by ${paid(s)}: ${cut(s.text)}]`;
}

function describeRound(s: StepOf<'round'>): string {
  const think = s.think ? ` think: ${cut(s.think, 80)}` : '';
  const call = s.call ? ` call ${s.call.model}: ${cut(s.call.query, 60)}` : '';
  const outcome = s.error ? ` error: ${s.error}` : s.observation !== undefined ? ` -> ${cut(s.observation, 80)}` : '';
  return `[round ${s.index} (${paid(s)})${think}${call}${outcome}]`;
}

export function describeStep(s: ModeStep): string {
  switch (s.type) {
    case 'verify':
      return describeVerify(s);
    case 'judge':
      return `[judge ${s.model} chose ${s.chosen ?? 'no enabled model'} (${paid(s)}): ${cut(s.reply)}]`;
    case 'plan':
      return describePlan(s);
    case 'sub-answer':
      return describeSubAnswer(s);
    case 'aggregate':
      return `[aggregated by ${paid(s)}]`;
    case 'round':
      return describeRound(s);
    case 'answer':
      return `[answered by ${paid(s)}]`;
  }
}

export function describeResult(r: ModeResult): string {
  const premium = r.premiumEstimate ? `; the premium model ${r.premiumEstimate.model} alone: about ${usd(r.premiumEstimate.cost)}` : '';
  return `[${r.mode}: ${r.steps.length} steps, final answer by ${r.model}; total ${usd(r.cost)}${premium}${r.note ? `; ${r.note}` : ''}]`;
}
