// What each wire format contributes to a call: how to build the request, read a reply (whole or as
// server-sent events) and read its error bodies. The transport (client.ts) is shared by all three.
import type { EventSourceMessage } from 'eventsource-parser';
import { ProviderError, type ErrorKind } from '../errors.ts';
import type { ChatMessage, ChatRequest, Endpoint, ToolCall, ToolCallDelta } from '../types.ts';

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
}

/** What one reply (or the replies so far) reported beside the text. */
export interface ReplyMeta {
  inputTokens?: number;
  outputTokens?: number;
  finishReason?: string;
  toolCalls?: ToolCall[];
}

/** Reads one stream's events; holds what they reported so far. */
export interface StreamReader {
  /** The text an event adds ('' for none); throws a ProviderError for an error event. */
  read(event: EventSourceMessage): string;
  /** The pieces of function calls the events read since the last look (then forgotten). */
  toolCallDeltas(): ToolCallDelta[];
  /** True once the event that ends a complete reply arrived. */
  readonly complete: boolean;
  /** What the reply reported so far, its function calls put together. */
  readonly meta: ReplyMeta;
}

export interface WireAdapter {
  chat(endpoint: Endpoint, request: ChatRequest, stream: boolean): HttpRequest;
  /** The whole reply of a non-streamed call. */
  reply(body: unknown): { text: string } & ReplyMeta;
  stream(): StreamReader;
  /** The provider's model listing: the "test connection" call (free, and it checks the key). */
  listModels(endpoint: Endpoint): HttpRequest;
  modelIds(body: unknown): string[];
  /** Reads the provider's error body; a kind only when the body says more than the status does. */
  error(body: unknown): { message?: string; kind?: ErrorKind };
}

/** What a stream reader updates as events arrive. */
export interface StreamState {
  meta: ReplyMeta;
  complete: boolean;
  /** The function calls streamed so far (put into `meta` when it is read). */
  calls: ToolCallParts;
}

/** A stream reader from a function reading one event into the state and returning its text. */
export function streamReader(read: (event: EventSourceMessage, state: StreamState) => string): StreamReader {
  const state: StreamState = { meta: {}, complete: false, calls: new ToolCallParts() };
  return {
    read: (event) => read(event, state),
    toolCallDeltas: () => state.calls.take(),
    get complete() {
      return state.complete;
    },
    get meta() {
      state.calls.into(state.meta);
      return state.meta;
    },
  };
}

/** The error an error event inside a stream stands for. */
export function streamError(wire: WireAdapter, body: unknown): ProviderError {
  const e = wire.error(body);
  return new ProviderError(e.kind ?? 'server', e.message ?? 'error event in the stream');
}

/** An answer the provider's safety filter stopped (whole, or midway through a stream), by the reason it gave. */
export function filteredAnswer(reason: string): ProviderError {
  return new ProviderError('content_filter', `the provider's safety filter stopped the answer (${reason})`);
}

/** A function call's arguments from the JSON text a provider sends them as (the raw text when it is not JSON). */
export function toolArguments(json: string): unknown {
  try {
    return JSON.parse(json || '{}');
  } catch {
    return json;
  }
}

/** One function call as it streams: its place in the answer, id, name, the arguments' JSON so far. */
interface CallPart {
  index: number;
  id?: string;
  name: string;
  json: string;
  /** Whether its first delta (with the name) went out. */
  announced: boolean;
}

/**
 * Function calls streamed in pieces (OpenAI's tool_calls deltas by index, Anthropic's tool_use blocks by content
 * block, Gemini's whole functionCall parts), numbered 0, 1, ... in the order they start, and the deltas to relay.
 */
export class ToolCallParts {
  private readonly parts = new Map<number | string, CallPart>();
  private readonly pending: ToolCallDelta[] = [];
  private wholeCalls = 0;

  /** One piece of the call the wire numbers `key`: its id and name (sent once), a piece of its arguments' JSON. */
  add(key: number | string, piece: { id?: string; name?: string; json?: string }): void {
    let part = this.parts.get(key);
    if (!part) this.parts.set(key, (part = { index: this.parts.size, name: '', json: '', announced: false }));
    if (piece.id) part.id ??= piece.id;
    if (piece.name) part.name = piece.name;
    if (piece.json) part.json += piece.json;
    if (!part.announced && part.name) {
      part.announced = true;
      this.pending.push({ index: part.index, ...(part.id ? { id: part.id } : {}), name: part.name, arguments: part.json });
    } else if (part.announced && piece.json) this.pending.push({ index: part.index, arguments: piece.json });
  }

  /** A call the wire sends whole (Gemini's functionCall part). */
  addWhole(call: ToolCall): void {
    this.add(`whole-${this.wholeCalls++}`, { ...(call.id ? { id: call.id } : {}), name: call.name, json: argumentsJson(call) });
  }

  /** The deltas added since the last call, in order. */
  take(): ToolCallDelta[] {
    return this.pending.splice(0);
  }

  /** The calls so far, put in `meta` (none: left out). */
  into(meta: ReplyMeta): void {
    const calls = [...this.parts.values()].map((p) => ({ ...(p.id ? { id: p.id } : {}), name: p.name, arguments: toolArguments(p.json) }));
    if (calls.length > 0) meta.toolCalls = calls;
  }
}

/** A tool call's arguments as the JSON text OpenAI sends them in (raw text that was not JSON stays as it was). */
export function argumentsJson(call: ToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
}

/**
 * The wire's turns for `messages`, each run of tool results joined into one turn (Anthropic and Gemini want
 * the results of one turn's calls together): `turn` makes a turn, `addResult` adds a result to the last one.
 */
export function turnsWithResults<T>(
  messages: readonly ChatMessage[],
  turn: (m: ChatMessage) => T,
  addResult: (last: T, m: ChatMessage) => void,
): T[] {
  const turns: T[] = [];
  messages.forEach((m, i) => {
    if (m.role === 'tool' && messages[i - 1]?.role === 'tool') addResult(turns.at(-1)!, m);
    else turns.push(turn(m));
  });
  return turns;
}

/** Joins a base URL and a path without doubling or losing the slash. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Parses one SSE data field as JSON; a malformed one is the provider's fault, not ours. */
export function eventJson(event: EventSourceMessage): any {
  return JSON.parse(event.data);
}

/** A value looked up along a path of property names, or undefined. */
export function at(value: unknown, ...path: (string | number)[]): any {
  let v: any = value;
  for (const p of path) v = v == null ? undefined : v[p];
  return v;
}
