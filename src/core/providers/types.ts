// What a provider call takes and gives back, the same for every wire format.
import type { WireFormat } from './definitions.ts';

/** A function call a model asked for, in OpenAI's shape (passed back to the caller as it came). */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** An assistant turn's calls of the caller's tools (wires that support tools). */
  toolCalls?: ToolCall[];
  /** A tool turn: the call it answers. */
  toolCallId?: string;
}

export interface ChatRequest {
  /** The provider's own name for the model (the catalog's `api_model`). */
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  /** Tool definitions and tool choice in OpenAI's shape, passed through by the wires that support tools. */
  tools?: unknown[];
  toolChoice?: unknown;
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
  /** The tools the model asked to call, when it did. */
  toolCalls?: ToolCall[];
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Streamed calls report each piece of text as it arrives. */
  onToken?: (text: string) => void;
  /** Abort when nothing arrives for this long (before the headers, and between stream chunks). */
  timeoutMs?: number;
  /** Defaults to globalThis.fetch. */
  fetch?: typeof fetch;
}

/** Tokens in a text, estimated at four characters a token when the provider reports none. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
