// The one thing provider-calling routers (automix, llm-router) need from the provider layer: send
// messages to a model, get the text back with what the call cost. `completeVia` (routed-complete.ts) makes
// one from the provider layer; tests may pass any function of this shape.
import type { ChatMessage, ToolCall, ToolSpec } from '../providers/types.ts';

export type { ChatMessage, ToolCall, ToolSpec };

export interface CompleteOptions {
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  /** Functions the model may call; the calls it made come back in `toolCalls`. */
  tools?: ToolSpec[];
}

export type Complete = (
  model: string,
  messages: ChatMessage[],
  options?: CompleteOptions,
) => Promise<{ text: string; cost: number; toolCalls?: ToolCall[] }>;
