// The system prompt as Anthropic and Gemini take it: apart from the turns, every system message joined into one text.
import type { ChatMessage } from '../types.ts';

/** The system messages' text, joined, and the other messages: the turns. */
export function splitSystem(messages: readonly ChatMessage[]): { system: string; turns: ChatMessage[] } {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  return { system: system.join('\n\n'), turns: messages.filter((m) => m.role !== 'system') };
}
