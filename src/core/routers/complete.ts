// The one thing provider-calling routers (automix, llm-router) need from the provider layer: send
// messages to a model, get the text back with what the call cost. The provider clients fulfil it.
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompleteOptions {
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
}

export type Complete = (model: string, messages: ChatMessage[], options?: CompleteOptions) => Promise<{ text: string; cost: number }>;
