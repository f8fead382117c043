// How each provider's API looks on the wire, for the test server: paths, key headers, whole replies,
// stream events and error bodies shaped exactly like OpenAI's, Anthropic's and Gemini's. A tool result in
// the history (OpenAI role "tool", Anthropic tool_result, Gemini functionResponse) reads as a "tool" message.

export interface Message {
  role: string;
  text: string;
  /** The images it carried, as `base64 <type> <bytes>` or `url <url>` (`url <url> <type>` where the wire types it). */
  images?: string[];
}

/** An image of the request, described; a wire shape the provider would refuse throws. */
function described(kind: 'base64' | 'url', value: string | undefined, type?: string): string {
  if (typeof value !== 'string' || !value) throw new Error(`an image part without its ${kind === 'url' ? 'url' : 'data'}`);
  if (kind === 'url') return `url ${value}${type ? ` ${type}` : ''}`;
  if (!type?.startsWith('image/')) throw new Error(`an image part without an image media type`);
  return `base64 ${type} ${Buffer.from(value, 'base64').length}`;
}

/** OpenAI's image_url part: a data: URL or a URL. */
function openaiImage(part: any): string {
  const url: unknown = part.image_url?.url;
  const data = typeof url === 'string' ? /^data:([^;]+);base64,(.*)$/.exec(url) : null;
  return data ? described('base64', data[2], data[1]) : described('url', url as string);
}

/** Anthropic's image block: a base64 or url source. */
function anthropicImage(block: any): string {
  const source = block.source ?? {};
  if (source.type === 'base64') return described('base64', source.data, source.media_type);
  if (source.type === 'url') return described('url', source.url);
  throw new Error(`an image block with source type "${source.type}"`);
}

/** Gemini's inlineData (bytes) or fileData (a URL, which must say its type) part. */
function geminiImage(part: any): string {
  if (part.inlineData) return described('base64', part.inlineData.data, part.inlineData.mimeType);
  if (!part.fileData.mimeType) throw new Error('fileData without its mimeType');
  return described('url', part.fileData.fileUri, part.fileData.mimeType);
}

/** A message with the images found among its parts (none: left out). */
const withImages = (message: Message, images: string[]): Message => (images.length ? { ...message, images } : message);

export interface Reply {
  model: string;
  pieces: string[];
  inputTokens: number;
  outputTokens: number;
  /** Ask for usage in the stream (OpenAI's stream_options.include_usage). */
  streamUsage: boolean;
  /** The provider's safety filter stopped the answer after these pieces. */
  filtered: boolean;
}

export interface StreamEvents {
  head: string[];
  pieces: string[];
  tail: string[];
}

export type ErrorCase = 'auth' | 'context' | 'content-filter' | 'status';

export interface WireSpec {
  /** Pulls model, messages, stream flag out of a request. */
  read(path: string, body: any): { model: string; messages: Message[]; stream: boolean; streamUsage: boolean };
  key(headers: Record<string, string | string[] | undefined>): string | undefined;
  whole(reply: Reply): unknown;
  /** Stream events, each a complete SSE block in the provider's line ending: before, carrying, after the text. */
  events(reply: Reply): StreamEvents;
  eol: string;
  error(status: number, which: ErrorCase, key: string | undefined): { status: number; body: unknown };
  models(ids: string[]): unknown;
}

const sse = (data: unknown, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

const openai: WireSpec = {
  read(_path, body) {
    const parts = (m: any): any[] => (Array.isArray(m.content) ? m.content : []);
    const text = (m: any) =>
      Array.isArray(m.content)
        ? parts(m)
            .map((p) => p.text ?? '')
            .join('')
        : String(m.content ?? '');
    const messages = (body.messages ?? []).map((m: any) =>
      withImages(
        { role: m.role, text: text(m) },
        parts(m)
          .filter((p) => p.type === 'image_url')
          .map(openaiImage),
      ),
    );
    return { model: body.model, messages, stream: body.stream === true, streamUsage: body.stream_options?.include_usage === true };
  },
  key: (h) => (typeof h.authorization === 'string' ? h.authorization.replace(/^Bearer\s+/i, '') : undefined),
  whole(r) {
    return {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1700000000,
      model: r.model,
      choices: [
        { index: 0, message: { role: 'assistant', content: r.pieces.join('') }, finish_reason: r.filtered ? 'content_filter' : 'stop' },
      ],
      usage: { prompt_tokens: r.inputTokens, completion_tokens: r.outputTokens, total_tokens: r.inputTokens + r.outputTokens },
    };
  },
  events(r) {
    const chunk = (delta: object, finish: string | null) => ({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1700000000,
      model: r.model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    return {
      head: [sse(chunk({ role: 'assistant', content: '' }, null)), ': keep-alive\n\n'],
      pieces: r.pieces.map((p) => sse(chunk({ content: p }, null))),
      tail: [
        sse(chunk({}, r.filtered ? 'content_filter' : 'stop')),
        ...(r.streamUsage
          ? [
              sse({
                id: 'chatcmpl-test',
                object: 'chat.completion.chunk',
                model: r.model,
                choices: [],
                usage: { prompt_tokens: r.inputTokens, completion_tokens: r.outputTokens, total_tokens: r.inputTokens + r.outputTokens },
              }),
            ]
          : []),
        'data: [DONE]\n\n',
      ],
    };
  },
  eol: '\n',
  error(status, which, key) {
    const body = (message: string, type: string, code: string | null, param: string | null = null) => ({
      error: { message, type, param, code },
    });
    if (which === 'auth')
      return {
        status: 401,
        body: body(
          `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      };
    if (which === 'context')
      return {
        status: 400,
        body: body(
          "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
          'invalid_request_error',
          'context_length_exceeded',
          'messages',
        ),
      };
    if (which === 'content-filter')
      return {
        status: 400,
        body: body('Your request was rejected as a result of our safety system.', 'invalid_request_error', 'content_policy_violation'),
      };
    if (status === 429)
      return {
        status,
        body: body('Rate limit reached for requests per min (RPM): Limit 3. Please try again in 1s.', 'requests', 'rate_limit_exceeded'),
      };
    if (status >= 500)
      return { status, body: body('The server had an error while processing your request. Sorry about that!', 'server_error', null) };
    return { status, body: body(`Request failed with status ${status}.`, 'invalid_request_error', null) };
  },
  models: (ids) => ({ object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'test-server' })) }),
};

const anthropicTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const anthropic: WireSpec = {
  read(_path, body) {
    const text = (c: any) =>
      typeof c === 'string' ? c : (c ?? []).map((b: any) => b.text ?? (b.type === 'tool_result' ? text(b.content) : '')).join('');
    const role = (m: any) => (Array.isArray(m.content) && m.content.some((b: any) => b.type === 'tool_result') ? 'tool' : m.role);
    const messages = [
      ...(body.system ? [{ role: 'system', text: text(body.system) }] : []),
      ...(body.messages ?? []).map((m: any) =>
        withImages(
          { role: role(m), text: text(m.content) },
          (Array.isArray(m.content) ? m.content : []).filter((b: any) => b.type === 'image').map(anthropicImage),
        ),
      ),
    ];
    return { model: body.model, messages, stream: body.stream === true, streamUsage: true };
  },
  key: (h) => (typeof h['x-api-key'] === 'string' ? h['x-api-key'] : undefined),
  whole(r) {
    return {
      id: 'msg_test',
      type: 'message',
      role: 'assistant',
      model: r.model,
      content: [{ type: 'text', text: r.pieces.join('') }],
      stop_reason: r.filtered ? 'refusal' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: r.inputTokens, output_tokens: r.outputTokens },
    };
  },
  events(r) {
    return {
      head: [
        sse(
          {
            type: 'message_start',
            message: {
              id: 'msg_test',
              type: 'message',
              role: 'assistant',
              model: r.model,
              content: [],
              stop_reason: null,
              stop_sequence: null,
              usage: { input_tokens: r.inputTokens, output_tokens: 1 },
            },
          },
          'message_start',
        ),
        sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
        sse({ type: 'ping' }, 'ping'),
      ],
      pieces: r.pieces.map((p) =>
        sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: p } }, 'content_block_delta'),
      ),
      tail: [
        sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
        sse(
          {
            type: 'message_delta',
            delta: { stop_reason: r.filtered ? 'refusal' : 'end_turn', stop_sequence: null },
            usage: { output_tokens: r.outputTokens },
          },
          'message_delta',
        ),
        sse({ type: 'message_stop' }, 'message_stop'),
      ],
    };
  },
  eol: '\n',
  error(status, which) {
    const body = (type: string, message: string) => ({ type: 'error', error: { type, message } });
    if (which === 'auth') return { status: 401, body: body('authentication_error', 'invalid x-api-key') };
    if (which === 'context')
      return { status: 400, body: body('invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum') };
    if (which === 'content-filter')
      return { status: 400, body: body('invalid_request_error', 'Output blocked by content filtering policy') };
    return {
      status,
      body: body(
        anthropicTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'),
        status === 529 ? 'Overloaded' : `Request failed with status ${status}`,
      ),
    };
  },
  models: (ids) => ({
    data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })),
    has_more: false,
    first_id: ids[0] ?? null,
    last_id: ids.at(-1) ?? null,
  }),
};

const geminiStatus: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const gemini: WireSpec = {
  read(path, body) {
    const model = decodeURIComponent(/models\/([^:]+):/.exec(path)?.[1] ?? '');
    const text = (c: any) => (c?.parts ?? []).map((p: any) => p.text ?? p.functionResponse?.response?.content ?? '').join('');
    const role = (c: any) => (c.role === 'model' ? 'assistant' : (c.parts ?? []).some((p: any) => p.functionResponse) ? 'tool' : 'user');
    const messages = [
      ...(body.systemInstruction ? [{ role: 'system', text: text(body.systemInstruction) }] : []),
      ...(body.contents ?? []).map((c: any) =>
        withImages({ role: role(c), text: text(c) }, (c.parts ?? []).filter((p: any) => p.inlineData || p.fileData).map(geminiImage)),
      ),
    ];
    return { model, messages, stream: path.includes(':streamGenerateContent'), streamUsage: true };
  },
  key: (h) => (typeof h['x-goog-api-key'] === 'string' ? h['x-goog-api-key'] : undefined),
  whole(r) {
    return geminiChunk(r, r.pieces.join(''), r.filtered ? 'SAFETY' : 'STOP', r.outputTokens);
  },
  events(r) {
    const event = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\r\n\r\n`;
    const pieces = r.pieces.map((p, i) => event(geminiChunk(r, p, !r.filtered && i === r.pieces.length - 1 ? 'STOP' : undefined, i + 1)));
    // A blocked answer ends with a chunk that has the finish reason and safety ratings but no content.
    const blocked = {
      candidates: [
        {
          finishReason: 'SAFETY',
          index: 0,
          safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }],
        },
      ],
      modelVersion: r.model,
    };
    return { head: [], pieces, tail: r.filtered ? [event(blocked)] : [] };
  },
  eol: '\r\n',
  error(status, which) {
    const body = (code: number, message: string, extra: object = {}) => ({
      error: { code, message, status: geminiStatus[code] ?? 'UNKNOWN', ...extra },
    });
    if (which === 'auth')
      return {
        status: 400,
        body: body(400, 'API key not valid. Please pass a valid API key.', {
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
        }),
      };
    if (which === 'context')
      return { status: 400, body: body(400, 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).') };
    if (which === 'content-filter')
      return {
        status: 200,
        body: { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } },
      };
    return {
      status,
      body: body(
        status,
        status === 429
          ? 'Resource has been exhausted (e.g. check quota).'
          : status === 503
            ? 'The model is overloaded. Please try again later.'
            : `Request failed with status ${status}.`,
      ),
    };
  },
  models: (ids) => ({
    models: ids.map((id) => ({ name: `models/${id}`, displayName: id, supportedGenerationMethods: ['generateContent'] })),
  }),
};

function geminiChunk(r: Reply, text: string, finishReason: string | undefined, outputSoFar: number) {
  return {
    candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0, ...(finishReason ? { finishReason } : {}) }],
    usageMetadata: { promptTokenCount: r.inputTokens, candidatesTokenCount: outputSoFar, totalTokenCount: r.inputTokens + outputSoFar },
    modelVersion: r.model,
  };
}

export const WIRE_SPECS = { openai, anthropic, gemini } satisfies Record<string, WireSpec>;
