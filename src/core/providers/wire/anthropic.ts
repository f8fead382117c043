// Anthropic Messages: POST {base}/messages with x-api-key, the API version, and the header Anthropic
// requires before it answers a browser directly. Streams end with a `message_stop` event. The stop reason
// `refusal` (the safety classifier stopped the answer) is a content_filter error, whole or streamed.
import type { ErrorKind } from '../errors.ts';
import { at, eventJson, filteredAnswer, joinUrl, streamError, streamReader, type WireAdapter } from './adapter.ts';
import type { Endpoint } from '../types.ts';

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

export const anthropicWire: WireAdapter = {
  chat(endpoint, request, stream) {
    const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
    return {
      url: joinUrl(endpoint.baseUrl, 'messages'),
      method: 'POST',
      headers: headers(endpoint),
      body: {
        model: request.model,
        max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
        messages: request.messages.filter((m) => m.role !== 'system'),
        stream,
        ...(system ? { system } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      },
    };
  },
  reply(body) {
    const text = ((at(body, 'content') ?? []) as { type: string; text?: string }[])
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join('');
    if (at(body, 'stop_reason') === 'refusal') throw filteredAnswer('stop_reason refusal');
    return { text, inputTokens: at(body, 'usage', 'input_tokens'), outputTokens: at(body, 'usage', 'output_tokens'), finishReason: at(body, 'stop_reason') };
  },
  stream: () =>
    streamReader((event, state) => {
      const { meta } = state;
      const data = eventJson(event);
      switch (data.type) {
        case 'message_start':
          meta.inputTokens = at(data, 'message', 'usage', 'input_tokens');
          meta.outputTokens = at(data, 'message', 'usage', 'output_tokens');
          return '';
        case 'content_block_delta':
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
          return ''; // ping, content_block_start/stop
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
