// Calls one model on one provider: sends the wire format's request with fetch, streams server-sent events
// (split chunks, comments and keep-alives handled by eventsource-parser), enforces an idle timeout, and
// turns every failure into a ProviderError without the key in it.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ProviderError, kindOfStatus, parseRetryAfter, redact, toProviderError } from './errors.ts';
import { anthropicWire } from './wire/anthropic.ts';
import { geminiWire } from './wire/gemini.ts';
import { openaiWire } from './wire/openai.ts';
import type { HttpRequest, ReplyMeta, WireAdapter } from './wire/adapter.ts';
import { customProvider, providerDefinition, type WireFormat } from './definitions.ts';
import { estimateTokens, type CallOptions, type ChatRequest, type ChatResult, type Endpoint, type ToolCallDelta } from './types.ts';

export const WIRES: Record<WireFormat, WireAdapter> = { openai: openaiWire, anthropic: anthropicWire, gemini: geminiWire };

/** One model call: streamed when `options.onToken` is given, whole otherwise. */
export async function chat(endpoint: Endpoint, request: ChatRequest, options: CallOptions = {}): Promise<ChatResult> {
  const wire = WIRES[endpoint.wire];
  const streamed = options.onToken !== undefined;
  return guarded(endpoint, options, async (signal, alive) => {
    const response = await send(endpoint, wire.chat(endpoint, request, streamed), signal, options.fetch);
    let text = '';
    let meta: ReplyMeta;
    if (streamed) {
      const onText = (piece: string) => {
        text += piece;
        options.onToken!(piece);
      };
      meta = await readStream(response, wire, alive, { onText, onToolCall: options.onToolCall ?? (() => {}) });
    } else {
      const reply = wire.reply(await readJson(response));
      text = reply.text;
      meta = reply;
    }
    const reported = meta.inputTokens !== undefined && meta.outputTokens !== undefined;
    return {
      text,
      ...(meta.toolCalls?.length ? { toolCalls: meta.toolCalls } : {}),
      finishReason: meta.finishReason ?? 'unknown',
      usage: {
        inputTokens: meta.inputTokens ?? estimateTokens(request.messages.map((m) => m.content).join('\n')),
        outputTokens: meta.outputTokens ?? estimateTokens(text),
        estimated: !reported,
      },
    };
  });
}

/** The models the key can use: a free call that proves the base URL, the key and CORS all work. */
export async function listModels(endpoint: Endpoint, options: Omit<CallOptions, 'onToken'> = {}): Promise<string[]> {
  const wire = WIRES[endpoint.wire];
  return guarded(endpoint, options, async (signal) =>
    wire.modelIds(await readJson(await send(endpoint, wire.listModels(endpoint), signal, options.fetch))),
  );
}

/**
 * Runs a call under the caller's signal and an idle timeout (re-armed by `alive()` as data arrives), and
 * normalises what it throws.
 */
async function guarded<T>(
  endpoint: Endpoint,
  options: CallOptions,
  run: (signal: AbortSignal, alive: () => void) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const alive = () => {
    if (options.timeoutMs === undefined) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
  };
  const cancel = () => controller.abort();
  options.signal?.addEventListener('abort', cancel);
  if (options.signal?.aborted) controller.abort();
  alive();
  try {
    return await run(controller.signal, alive);
  } catch (e) {
    if (timedOut)
      throw new ProviderError('timeout', `${endpoint.provider}: no answer within ${options.timeoutMs} ms`, { provider: endpoint.provider });
    if (options.signal?.aborted)
      throw new ProviderError('aborted', `${endpoint.provider}: call cancelled`, { provider: endpoint.provider });
    if (e instanceof ProviderError) throw withProvider(e, endpoint);
    if (e instanceof TypeError && (await blockedByBrowser(endpoint.baseUrl, options.fetch))) {
      throw new ProviderError('cors', corsMessage(endpoint), { provider: endpoint.provider });
    }
    throw toProviderError(e, endpoint.provider, [endpoint.key]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}

async function send(
  endpoint: Endpoint,
  http: HttpRequest,
  signal: AbortSignal,
  fetchFn: typeof fetch = globalThis.fetch,
): Promise<Response> {
  const response = await fetchFn(http.url, {
    method: http.method,
    headers: { ...http.headers, ...(http.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: http.body !== undefined ? JSON.stringify(http.body) : undefined,
    signal,
  });
  if (response.ok) return response;
  const text = await response.text().catch(() => '');
  let parsed: { message?: string; kind?: ProviderError['kind'] } = {};
  try {
    parsed = WIRES[endpoint.wire].error(JSON.parse(text));
  } catch {
    parsed = { message: text.slice(0, 200) };
  }
  const kind = parsed.kind ?? kindOfStatus(response.status);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const message = redact(`${endpoint.provider}: HTTP ${response.status}${parsed.message ? `: ${parsed.message}` : ''}`, [endpoint.key]);
  throw new ProviderError(kind, message, { provider: endpoint.provider, status: response.status, retryAfterMs });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError('malformed', `the reply is not JSON: ${text.slice(0, 80)}`);
  }
}

/** Where a stream's pieces go as they arrive: text, and pieces of function calls. */
interface StreamSink {
  onText(text: string): void;
  onToolCall(delta: ToolCallDelta): void;
}

/** Feeds the body to the SSE parser and each event to the wire's reader; a stream that ends early is cut. */
async function readStream(response: Response, wire: WireAdapter, alive: () => void, sink: StreamSink): Promise<ReplyMeta> {
  const reader = wire.stream();
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  const body = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const drain = () => {
    for (const event of events.splice(0)) {
      let text: string;
      try {
        text = reader.read(event);
      } catch (e) {
        if (e instanceof SyntaxError) throw new ProviderError('malformed', `malformed event in the stream: ${event.data.slice(0, 80)}`);
        throw e;
      }
      if (text) sink.onText(text);
      for (const delta of reader.toolCallDeltas()) sink.onToolCall(delta);
    }
  };
  for (;;) {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await body.read();
    } catch (e) {
      throw new ProviderError('stream_cut', `the stream broke off: ${(e as Error).message}`);
    }
    if (chunk.done) break;
    alive();
    parser.feed(chunk.value);
    drain();
  }
  parser.reset({ consume: true });
  drain();
  if (!reader.complete) throw new ProviderError('stream_cut', 'the stream ended before the reply was complete');
  return reader.meta;
}

function withProvider(e: ProviderError, endpoint: Endpoint): ProviderError {
  const message = redact(e.message.startsWith(`${endpoint.provider}:`) ? e.message : `${endpoint.provider}: ${e.message}`, [endpoint.key]);
  return new ProviderError(e.kind, message, { ...e.details, provider: endpoint.provider });
}

/**
 * In a browser, fetch fails the same way for a server that is down and one that refuses the page's origin.
 * A no-cors request (opaque, carries no key) still succeeds in the second case: that tells them apart.
 */
async function blockedByBrowser(baseUrl: string, fetchFn: typeof fetch = globalThis.fetch): Promise<boolean> {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || new URL(baseUrl).origin === origin) return false;
  try {
    await fetchFn(baseUrl, { mode: 'no-cors', signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

function corsMessage(endpoint: Endpoint): string {
  const note = providerDefinition(endpoint.provider)?.corsNote ?? customProvider(endpoint.provider, endpoint.baseUrl).corsNote;
  return (
    `${endpoint.provider}: the browser blocked the call to ` +
    `${new URL(endpoint.baseUrl).origin} (CORS or Content-Security-Policy). Hint: ${note}`
  );
}
