// OpenAI's Chat Completions shapes as the gateway speaks them: the request it accepts (validated; unknown
// fields ignored), the whole answer, stream chunks, the model list and error bodies.
import { z } from 'zod';
import type { ErrorKind } from '../core/providers/errors.ts';
import type { ChatMessage } from '../core/providers/types.ts';

const textPart = z.looseObject({ type: z.string(), text: z.string().optional() });

const messageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string(), z.array(textPart), z.null()]).optional(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
});

export type ChatCompletionRequest = z.infer<typeof chatRequestSchema>;

/** The request's messages in the core's shape: text only (a non-text part is refused, naming the message). */
export function coreMessages(request: ChatCompletionRequest): ChatMessage[] {
  return request.messages.map((m, i) => {
    const parts = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : (m.content ?? []);
    const other = parts.find((p) => p.type !== 'text');
    if (other) throw new RangeError(`messages.${i}.content: only text parts are supported, got "${other.type}"`);
    return { role: m.role === 'developer' ? 'system' : m.role, content: parts.map((p) => p.text ?? '').join('') };
  });
}

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function usageOf(inputTokens: number, outputTokens: number): CompletionUsage {
  return { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
}

/** A whole answer (`chat.completion`). */
export function completion(id: string, model: string, text: string, finishReason: string, usage: CompletionUsage, extra: object = {}) {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: finishReason }],
    usage,
    ...extra,
  };
}

/** One stream chunk (`chat.completion.chunk`); `choices` is empty in the usage chunk. */
export function chunk(id: string, model: string, delta: object | undefined, finishReason: string | null, extra: object = {}) {
  return {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: delta === undefined ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...extra,
  };
}

export function sse(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

export function modelList(ids: readonly { id: string; owned_by: string }[]) {
  return { object: 'list', data: ids.map((m) => ({ id: m.id, object: 'model', created: 0, owned_by: m.owned_by })) };
}

/** OpenAI's error body. */
export function errorBody(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

/** The HTTP status and error type a failed call answers with, by the provider error kind. */
export function errorStatus(kind: ErrorKind): { status: number; type: string; code: string } {
  switch (kind) {
    case 'budget':
      return { status: 429, type: 'insufficient_quota', code: 'budget_exceeded' };
    case 'rate_limit':
      return { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' };
    case 'context_length':
      return { status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' };
    case 'content_filter':
      return { status: 400, type: 'invalid_request_error', code: 'content_filter' };
    case 'bad_request':
      return { status: 400, type: 'invalid_request_error', code: 'bad_request' };
    case 'timeout':
      return { status: 504, type: 'api_error', code: 'upstream_timeout' };
    case 'aborted':
      return { status: 499, type: 'api_error', code: 'cancelled' };
    default:
      return { status: 502, type: 'api_error', code: `upstream_${kind}` };
  }
}
