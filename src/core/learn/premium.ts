// What the premium alternative would have cost for one message, and what routing saved on it: the premium
// model is the one the decision rated best in quality (the badge's "vs ..."), priced with the tokens the
// message actually used: the input of its first attempt (the message as sent) and every output token its
// answer took (a resumed answer's parts summed). A multi-call mode prices the message and its final answer
// from their text instead (flagged `estimated`), since its calls' prompts are its own, not the user's.
import { callCost, type CatalogModel } from '../catalog/model.ts';
import type { AttemptOutcome } from '../providers/outcome.ts';
import { estimateTokens, type ChatMessage } from '../providers/types.ts';
import type { OutcomeRecord, PathStep, PremiumAlternative } from './outcome.ts';

type Priced = Pick<CatalogModel, 'id' | 'input_price' | 'output_price'>;
type Tokens = Pick<AttemptOutcome, 'inputTokens' | 'outputTokens'>;

/** The premium model priced with a routed call's attempts' tokens. */
export function premiumAlternative(model: Priced, attempts: readonly Tokens[]): PremiumAlternative {
  const input = attempts[0]?.inputTokens ?? 0;
  const output = attempts.reduce((n, a) => n + a.outputTokens, 0);
  return { model: model.id, cost: callCost(model, input, output) };
}

/** The premium model priced for a multi-call mode's message: the conversation sent and the final answer, estimated. */
export function estimatedPremium(model: Priced, sent: readonly ChatMessage[], answer: string): PremiumAlternative {
  const input = sent.reduce((n, m) => n + estimateTokens(m.content), 0);
  return { model: model.id, cost: callCost(model, input, estimateTokens(answer)), estimated: true };
}

/** One attempt as a step of the logged path, with what it cost. */
export function pathStep(o: Pick<AttemptOutcome, 'model' | 'kind' | 'error' | 'latencyMs' | 'cost'>): PathStep {
  return { model: o.model, kind: o.kind, ...(o.error ? { error: o.error } : {}), latencyMs: o.latencyMs, cost: o.cost };
}

/** USD spent on one message: every attempt (every call of a mode), or the answer's cost in an older record. */
export function spentOn(record: Pick<OutcomeRecord, 'path' | 'answerCost'>): number {
  const priced = record.path.filter((s) => s.cost !== undefined);
  return priced.length > 0 ? priced.reduce((sum, s) => sum + s.cost!, 0) : record.answerCost;
}

export interface MessageSavings {
  spent: number;
  /** What the premium model alone would have cost (what was spent, where the record names no alternative). */
  premium: number;
  saved: number;
}

/** Spend, premium-only cost and saving of one logged message: the one rule every view of savings sums. */
export function savingsOf(record: Pick<OutcomeRecord, 'path' | 'answerCost' | 'premium'>): MessageSavings {
  const spent = spentOn(record);
  const premium = record.premium?.cost ?? spent;
  return { spent, premium, saved: premium - spent };
}
