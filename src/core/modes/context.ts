// Which earlier turns a follow-up carries, per conversation (LLMRouter's chat: current message, full
// context, or retrieved turns): none, all, or the k earlier turns whose user message is most similar to the
// current one by embedding (kept in conversation order). The router reads their user messages; the model
// receives them as the conversation.
import type { ChatMessage } from '../routers/complete.ts';
import { cosine } from '../routers/shared/vectors.ts';

export type ContextPolicy = { kind: 'current' } | { kind: 'full' } | { kind: 'similar'; k: number };

export interface Turn {
  user: string;
  assistant?: string;
  /** The user message's embedding (needed by `similar`). */
  embedding?: Float32Array;
}

export interface SelectedContext {
  /** The earlier turns kept, oldest first. */
  turns: Turn[];
  /** What the model receives before the current message. */
  messages: ChatMessage[];
  /** The kept turns' user messages, for the router. */
  userTexts: string[];
}

export function selectContext(earlier: readonly Turn[], policy: ContextPolicy, current?: Float32Array): SelectedContext {
  const turns = policy.kind === 'current' ? [] : policy.kind === 'full' ? [...earlier] : mostSimilar(earlier, policy.k, current);
  return {
    turns,
    messages: turns.flatMap((t) => [
      { role: 'user' as const, content: t.user },
      ...(t.assistant ? [{ role: 'assistant' as const, content: t.assistant }] : []),
    ]),
    userTexts: turns.map((t) => t.user),
  };
}

function mostSimilar(earlier: readonly Turn[], k: number, current: Float32Array | undefined): Turn[] {
  if (!current) throw new Error("similar-turns context needs the current message's embedding");
  const scored = earlier.map((turn, index) => {
    if (!turn.embedding) throw new Error(`earlier turn ${index + 1} has no embedding`);
    return { index, similarity: cosine(current, turn.embedding) };
  });
  const kept = new Set(
    scored
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, k)
      .map((s) => s.index),
  );
  return earlier.filter((_, i) => kept.has(i));
}
