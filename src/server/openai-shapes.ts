// OpenAI's Chat Completions shapes as the gateway speaks them: the request it accepts (validated; unknown
// fields ignored) and its messages, tools and tool choice in the core's provider-neutral shapes, the whole
// answer, stream chunks, the model list and error bodies.
import { z } from 'zod';
import type { ErrorKind } from '../core/providers/errors.ts';
import { imagePart, type ImagePart } from '../core/providers/images.ts';
import type { ChatMessage, ToolCall, ToolCallDelta, ToolChoice, ToolSpec } from '../core/providers/types.ts';
import { fromOpenAiTool, fromOpenAiToolCall, fromOpenAiToolChoice, toOpenAiToolCall } from '../core/providers/wire/openai-tools.ts';

/** A content part: text, an image (`image_url`), or another type, refused by coreMessages naming it. */
const contentPart = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  image_url: z.looseObject({ url: z.string() }).optional(),
});

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const messageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
  tool_calls: z.array(toolCallSchema).optional(),
  tool_call_id: z.string().optional(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  tools: z
    .array(
      z.looseObject({
        type: z.literal('function'),
        function: z.looseObject({
          name: z.string().min(1),
          description: z.string().optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
        }),
      }),
    )
    .nullish(),
  /** The end user: names the profile whose preferences personalise routing (core/modes/personal.ts). */
  user: z.string().min(1).max(256).optional(),
  tool_choice: z
    .union([
      z.enum(['auto', 'none', 'required']),
      z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1) }) }),
    ])
    .optional(),
});

export type ChatCompletionRequest = z.infer<typeof chatRequestSchema>;

/** Images one request may carry. */
export const MAX_IMAGES = 20;

/**
 * The request's messages in the core's shape: the text parts joined, a user message's image_url parts as checked
 * images (core/providers/images.ts); any other part, an image in another role, or more than MAX_IMAGES are refused,
 * naming the message.
 */
export function coreMessages(request: ChatCompletionRequest): ChatMessage[] {
  let images = 0;
  return request.messages.map((m, i) => {
    const where = `messages.${i}.content`;
    const parts = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : (m.content ?? []);
    const other = parts.find((p) => p.type !== 'text' && p.type !== 'image_url');
    if (other) throw new RangeError(`${where}: only text and image_url parts are supported, got "${other.type}"`);
    const count = parts.filter((p) => p.type === 'image_url').length;
    if (count > 0 && m.role !== 'user') throw new RangeError(`${where}: only user messages may carry images`);
    if ((images += count) > MAX_IMAGES) throw new RangeError(`${where}: a request may carry at most ${MAX_IMAGES} images`);
    const read = parts.flatMap((p, j) => (p.type === 'image_url' ? [imageOf(p.image_url?.url, `${where}.${j}`)] : []));
    return {
      role: m.role === 'developer' ? 'system' : m.role,
      content: parts.map((p) => p.text ?? '').join(''),
      ...(read.length > 0 ? { images: read } : {}),
      ...(m.tool_calls ? { toolCalls: m.tool_calls.map(fromOpenAiToolCall) } : {}),
      ...(m.tool_call_id ? { toolCallId: m.tool_call_id } : {}),
    };
  });
}

function imageOf(url: string | undefined, where: string): ImagePart {
  if (url === undefined) throw new RangeError(`${where}: an image_url part needs image_url.url`);
  try {
    return imagePart(url);
  } catch (e) {
    throw new RangeError(`${where}: ${(e as Error).message}`);
  }
}

/** The request's tools and tool choice in the core's shapes. */
export function coreTools(request: ChatCompletionRequest): { tools?: ToolSpec[]; toolChoice?: ToolChoice } {
  return {
    ...(request.tools ? { tools: request.tools.map(fromOpenAiTool) } : {}),
    ...(request.tool_choice !== undefined ? { toolChoice: fromOpenAiToolChoice(request.tool_choice) } : {}),
  };
}

/** The model's tool calls as OpenAI sends them back (an id made up where the wire gave none). */
export function openAiToolCalls(calls: readonly ToolCall[]) {
  return calls.map(toOpenAiToolCall);
}

/** A piece of a streamed function call as an OpenAI tool_calls delta: the first (named) with its id and type. */
export function openAiToolCallDelta(delta: ToolCallDelta) {
  const { index, name } = delta;
  if (name === undefined) return { index, function: { arguments: delta.arguments ?? '' } };
  return { index, id: delta.id ?? `call_${index}`, type: 'function', function: { name, arguments: delta.arguments ?? '' } };
}

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function usageOf(inputTokens: number, outputTokens: number): CompletionUsage {
  return { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
}

/** A whole answer (`chat.completion`); with tool calls, the content is null unless the model also wrote text. */
export function completion(
  id: string,
  model: string,
  text: string,
  toolCalls: readonly ToolCall[] | undefined,
  finishReason: string,
  usage: CompletionUsage,
  extra: object = {},
) {
  const message = toolCalls
    ? { role: 'assistant', content: text || null, tool_calls: openAiToolCalls(toolCalls), refusal: null }
    : { role: 'assistant', content: text, refusal: null };
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
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
