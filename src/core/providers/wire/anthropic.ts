// Anthropic Messages: POST {base}/messages with x-api-key, the API version, and the header Anthropic
// requires before it answers a browser directly. Streams end with a `message_stop` event. The stop reason
// `refusal` (the safety classifier stopped the answer) is a content_filter error, whole or streamed. Tools go
// out as `tools` with `input_schema`, calls come back as `tool_use` blocks (their input streamed as
// `input_json_delta`), and tool results go back as `tool_result` blocks of a user turn. Images go out as image
// blocks before the text (Anthropic's advice), their source base64 or a URL.
import type { ErrorKind } from '../errors.ts';
import { at, eventJson, filteredAnswer, joinUrl, streamError, streamReader, turnsWithResults, type WireAdapter } from './adapter.ts';
import { splitSystem } from './system-prompt.ts';
import type { ImagePart } from '../images.ts';
import type { ChatMessage, Endpoint, ToolChoice } from '../types.ts';

const DEFAULT_MAX_TOKENS = 4096;

function headers(endpoint: Endpoint): Record<string, string> {
  return {
    'anthropic-version': '2023-06-01',
    'anthropic-dangerous-direct-browser-access': 'true',
    ...(endpoint.key ? { 'x-api-key': endpoint.key } : {}),
  };
}

const KINDS: Record<string, ErrorKind> = {
  authentication_error: 'auth',
  permission_error: 'auth',
  rate_limit_error: 'rate_limit',
  overloaded_error: 'server',
  api_error: 'server',
  request_too_large: 'context_length',
};

function kindOf(type: string | undefined, message: string | undefined): ErrorKind | undefined {
  if (type === 'invalid_request_error' && /too long|too many tokens|context/i.test(message ?? '')) return 'context_length';
  if (type === 'invalid_request_error' && /content filtering|safety/i.test(message ?? '')) return 'content_filter';
  return type ? KINDS[type] : undefined;
}

type Block = Record<string, unknown>;

const toolResult = (m: ChatMessage): Block => ({ type: 'tool_result', tool_use_id: m.toolCallId, content: m.content });

/** An image block: the bytes inline (base64) or the URL Anthropic fetches. */
function imageBlock(image: ImagePart): Block {
  const source =
    image.kind === 'data' ? { type: 'base64', media_type: image.mediaType, data: image.data } : { type: 'url', url: image.url };
  return { type: 'image', source };
}

/** One message as an Anthropic turn: text, images and text, an assistant's text and tool_use blocks, or a tool_result. */
function turn(m: ChatMessage): { role: string; content: string | Block[] } {
  if (m.role === 'tool') return { role: 'user', content: [toolResult(m)] };
  if (m.images?.length)
    return { role: m.role, content: [...m.images.map(imageBlock), ...(m.content ? [{ type: 'text', text: m.content }] : [])] };
  if (!m.toolCalls?.length) return { role: m.role, content: m.content };
  const uses = m.toolCalls.map((c, i) => ({ type: 'tool_use', id: c.id ?? `toolu_${i}`, name: c.name, input: c.arguments ?? {} }));
  return { role: m.role, content: [...(m.content ? [{ type: 'text', text: m.content }] : []), ...uses] };
}

function toolChoice(choice: ToolChoice): Block {
  if (typeof choice !== 'string') return { type: 'tool', name: choice.name };
  return { type: choice === 'required' ? 'any' : choice };
}

export const anthropicWire: WireAdapter = {
  chat(endpoint, request, stream) {
    const { system, turns } = splitSystem(request.messages);
    return {
      url: joinUrl(endpoint.baseUrl, 'messages'),
      method: 'POST',
      headers: headers(endpoint),
      body: {
        model: request.model,
        max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
        messages: turnsWithResults(turns, turn, (last, m) => (last.content as Block[]).push(toolResult(m))),
        stream,
        ...(system ? { system } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.tools?.length
          ? {
              tools: request.tools.map((t) => ({
                name: t.name,
                description: t.description,
                input_schema: t.parameters ?? { type: 'object' },
              })),
            }
          : {}),
        ...(request.toolChoice !== undefined ? { tool_choice: toolChoice(request.toolChoice) } : {}),
      },
    };
  },
  reply(body) {
    const blocks = (at(body, 'content') ?? []) as { type: string; text?: string; id?: string; name?: string; input?: unknown }[];
    const text = blocks
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join('');
    const calls = blocks
      .filter((b) => b.type === 'tool_use')
      .map((b) => ({ ...(b.id ? { id: b.id } : {}), name: b.name ?? '', arguments: b.input }));
    if (at(body, 'stop_reason') === 'refusal') throw filteredAnswer('stop_reason refusal');
    return {
      text,
      inputTokens: at(body, 'usage', 'input_tokens'),
      outputTokens: at(body, 'usage', 'output_tokens'),
      finishReason: at(body, 'stop_reason'),
      ...(calls.length ? { toolCalls: calls } : {}),
    };
  },
  stream: () =>
    streamReader((event, state) => {
      const { meta, calls } = state;
      const data = eventJson(event);
      switch (data.type) {
        case 'message_start':
          meta.inputTokens = at(data, 'message', 'usage', 'input_tokens');
          meta.outputTokens = at(data, 'message', 'usage', 'output_tokens');
          return '';
        case 'content_block_start':
          if (at(data, 'content_block', 'type') === 'tool_use') {
            calls.add(data.index ?? 0, { id: at(data, 'content_block', 'id'), name: at(data, 'content_block', 'name') });
          }
          return '';
        case 'content_block_delta':
          if (at(data, 'delta', 'type') === 'input_json_delta') {
            calls.add(data.index ?? 0, { json: at(data, 'delta', 'partial_json') });
          }
          return at(data, 'delta', 'type') === 'text_delta' ? (at(data, 'delta', 'text') ?? '') : '';
        case 'message_delta':
          meta.outputTokens = at(data, 'usage', 'output_tokens') ?? meta.outputTokens;
          if (at(data, 'delta', 'stop_reason') === 'refusal') throw filteredAnswer('stop_reason refusal');
          meta.finishReason = at(data, 'delta', 'stop_reason') ?? meta.finishReason;
          return '';
        case 'message_stop':
          state.complete = true;
          return '';
        case 'error':
          throw streamError(anthropicWire, data);
        default:
          return ''; // ping, content_block_stop
      }
    }),
  listModels(endpoint) {
    return { url: joinUrl(endpoint.baseUrl, 'models'), method: 'GET', headers: headers(endpoint) };
  },
  modelIds(body) {
    return ((at(body, 'data') ?? []) as { id: string }[]).map((m) => m.id);
  },
  error(body) {
    const type = at(body, 'error', 'type');
    const message = at(body, 'error', 'message');
    return { message, kind: kindOf(type, message) };
  },
};
