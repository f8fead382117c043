// How an answer ended, as every edge reports it: OpenAI's finish reason (with `error` for an answer that failed,
// so a stream cut off on every model never reads as a whole answer), and a failure's message naming each attempt.
import type { Answered } from './types.ts';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error';

export function finishReason(answered: Answered): FinishReason {
  if (answered.error?.kind === 'content_filter') return 'content_filter';
  if (answered.error) return 'error';
  const call = answered.result.kind === 'single' ? answered.result.call : undefined;
  if (call?.truncated) return 'length';
  return call?.toolCalls ? 'tool_calls' : 'stop';
}

/**
 * The error of an answer that failed, naming every attempt that failed (model, kind, message); the error itself
 * first when it is none of theirs (a budget that refused the next model, say).
 */
export function failureMessage(answered: Answered): string {
  const message = answered.error?.message ?? 'no answer';
  const failed = answered.outcomes.filter((o) => o.kind !== 'ok');
  if (failed.length === 0) return message;
  const attempts = failed.map((o) => `${o.model}: ${o.kind}${o.error ? `: ${o.error}` : ''}`).join('; ');
  const theirs = failed.some((o) => o.error === message);
  return `${theirs ? '' : `${message}; `}${failed.length} attempt${failed.length > 1 ? 's' : ''} failed: ${attempts}`;
}
