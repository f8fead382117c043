// Scripted replies for the test server: instead of the echo, a model answers with a given text, or calls a
// function (tool-calls.ts), when the last user message matches a pattern (planner JSON, malformed JSON, an
// agent's calls, "Yes"/"No" verdicts).
// Rules are set through POST /_control/scripts ({rules}) or `server.scripts.set(...)`; the first matching
// rule answers and counts down its `times`. DELETE /_control/scripts clears them.

import type { ScriptedToolCall } from './tool-calls.ts';

export interface ScriptRule {
  /** Applies to requests for this model (the provider's model name); all models when absent. */
  model?: string;
  /** A regular expression (source) the last user message must match; any message when absent. */
  match?: string;
  /** The answer's text. */
  reply?: string;
  /** Or a function call, sent in the provider's function-calling format. */
  toolCall?: ScriptedToolCall;
  /** Or several function calls in one answer. */
  toolCalls?: ScriptedToolCall[];
  /** How many matching requests it answers; every one when absent. */
  times?: number;
}

export class ScriptTable {
  private rules: (ScriptRule & { pattern?: RegExp })[] = [];

  set(rules: ScriptRule[]): void {
    this.rules = rules.map((r) => {
      if (typeof r.reply !== 'string' && !r.toolCall && !r.toolCalls?.length)
        throw new Error('a script rule needs a "reply" string, a "toolCall" or "toolCalls"');
      return { ...r, ...(r.match !== undefined ? { pattern: new RegExp(r.match, 's') } : {}) };
    });
  }

  /** The scripted rule answering a request, if one matches it. */
  take(model: string, lastUserMessage: string): ScriptRule | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.model === undefined || r.model === model) &&
        (r.pattern?.test(lastUserMessage) ?? true) &&
        (r.times === undefined || r.times > 0),
    );
    if (!rule) return undefined;
    if (rule.times !== undefined) rule.times -= 1;
    return rule;
  }
}

/** The function calls a rule answers with (none for a text reply). */
export function scriptedCalls(rule: ScriptRule | undefined): ScriptedToolCall[] {
  return rule?.toolCalls ?? (rule?.toolCall ? [rule.toolCall] : []);
}
