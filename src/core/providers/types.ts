// What a provider call takes and gives back, the same for every wire format.
import type { WireFormat } from './definitions.ts';
import type { ImagePart } from './images.ts';

/** A function the model may call instead of answering (the provider's function calling). */
export interface ToolSpec {
  name: string;
  description?: string;
  /** JSON Schema of the arguments (an object schema). */
  parameters?: Record<string, unknown>;
}

/**
 * A function call the model made: `id` where the wire gives one (OpenAI, Anthropic; a tool result names it),
 * `arguments` the parsed JSON, or the raw text when it was not JSON.
 */
export interface ToolCall {
  id?: string;
  name: string;
  arguments: unknown;
}

/**
 * A piece of a function call as it streams, in the order it came: `index` is the call's place among the answer's
 * calls (0, 1, ...); its first piece carries the name (and the wire's id, where it gives one), the next pieces more
 * of the arguments' JSON text. OpenAI and Anthropic stream the arguments in pieces; Gemini sends each call whole.
 */
export interface ToolCallDelta {
  index: number;
  id?: string;
  name?: string;
  arguments?: string;
}

/** Whether the model may call tools: as it likes, not at all, some tool, or the one named. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** An assistant turn's calls of the caller's tools. */
  toolCalls?: ToolCall[];
  /** A tool turn (content: the tool's result): the id of the call it answers. */
  toolCallId?: string;
  /** Images sent with a user turn (checked by images.ts); every wire puts them before the text. Routers read only `content`. */
  images?: ImagePart[];
}

export interface ChatRequest {
  /** The provider's own name for the model (the catalog's `api_model`). */
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  /** Functions the model may call (OpenAI tools, Anthropic tool_use, Gemini functionDeclarations). */
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
}

/** Where and how to reach one provider with one key. */
export interface Endpoint {
  /** The provider id (catalog `provider`), for errors and logs. */
  provider: string;
  wire: WireFormat;
  baseUrl: string;
  key?: string;
  /** Ask the stream for usage (OpenAI `stream_options.include_usage`). */
  streamUsage?: boolean;
  /**
   * The provider is one known to stop at max_tokens (a listed provider, not a custom server), so a whole
   * (unstreamed) answer cannot pass the cap a budget reserved; for any other, budgeted calls are streamed and counted.
   */
  capHonoured?: boolean;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** True when the provider reported no usage and the counts were estimated from the text. */
  estimated: boolean;
}

export interface ChatResult {
  text: string;
  usage: Usage;
  /** The provider's reason for stopping, as it names it (stop, length, end_turn, STOP, ...). */
  finishReason: string;
  /** The functions the model called, when it called any. */
  toolCalls?: ToolCall[];
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Streamed calls report each piece of text as it arrives. */
  onToken?: (text: string) => void;
  /** And each piece of a function call (streamed calls only). */
  onToolCall?: (delta: ToolCallDelta) => void;
  /** Abort when nothing arrives for this long (before the headers, and between stream chunks). */
  timeoutMs?: number;
  /** Defaults to globalThis.fetch. */
  fetch?: typeof fetch;
}

/** Tokens in a text, estimated at four characters a token when the provider reports none. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
