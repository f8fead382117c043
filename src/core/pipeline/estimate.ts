// The cost of a run before it starts: per model, input tokens from the prompts (four characters a token, as the
// provider layer estimates) and the answer lengths each kind of task typically needs, at catalog prices; and the
// most it can cost, every answer at the token limit. Shown and confirmed before any call is made.
import { callCost, type CatalogModel } from '../catalog/model.ts';
import { estimateTokens } from '../providers/types.ts';

/** Typical answer length per template, in tokens. */
const TYPICAL_OUTPUT: Record<string, number> = {
  multiple_choice: 250,
  math_final: 350,
  math_boxed: 450,
  short_answer: 20,
  code_tests: 250,
  code_function: 250,
  commongen: 50,
  open: 400,
};

export interface PlannedCall {
  model: CatalogModel;
  prompt: string;
  template: string;
}

export interface RunEstimate {
  calls: number;
  inputTokens: number;
  /** USD at typical answer lengths. */
  expectedUsd: number;
  /** USD if every answer ran to `maxTokens`. */
  maxUsd: number;
  perModel: Record<string, { calls: number; expectedUsd: number; maxUsd: number }>;
}

/** Input tokens the budget reserves for a prompt: the estimate plus a fifth, as tokenizers differ. */
export function reservedInputTokens(prompt: string): number {
  return Math.ceil(estimateTokens(prompt) * 1.2) + 8;
}

export function estimateRun(calls: readonly PlannedCall[], maxTokens: number): RunEstimate {
  const estimate: RunEstimate = { calls: calls.length, inputTokens: 0, expectedUsd: 0, maxUsd: 0, perModel: {} };
  for (const call of calls) {
    const input = estimateTokens(call.prompt);
    const expected = callCost(call.model, input, Math.min(maxTokens, TYPICAL_OUTPUT[call.template] ?? 400));
    const max = callCost(call.model, reservedInputTokens(call.prompt), maxTokens);
    const row = (estimate.perModel[call.model.id] ??= { calls: 0, expectedUsd: 0, maxUsd: 0 });
    row.calls += 1;
    row.expectedUsd += expected;
    row.maxUsd += max;
    estimate.inputTokens += input;
    estimate.expectedUsd += expected;
    estimate.maxUsd += max;
  }
  return estimate;
}
