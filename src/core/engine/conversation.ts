// The query of a conversation and the context that goes with it, by the context policy (core/modes/context.ts):
// the model receives the system messages, the chosen earlier turns and the current turn (the last user message and
// what follows it, tool results included); the router reads the chosen turns' user messages, the last three at most.
// `full` (the default) sends the conversation as it came.
import { selectContext, type ContextPolicy, type Turn } from '../modes/context.ts';
import type { ChatMessage } from '../providers/types.ts';
import type { EngineEncoder } from './types.ts';

export const FULL_CONTEXT: ContextPolicy = { kind: 'full' };
/** Earlier user turns the router reads at most. */
export const ROUTER_TURNS = 3;

export interface ChosenContext {
  /** The last user message. */
  query: string;
  /** What the model receives. */
  messages: ChatMessage[];
  /** What comes before the current turn in `messages` (a multi-call mode's history). */
  history: ChatMessage[];
  /** Earlier user turns the router reads with the query, oldest first. */
  routerTurns: string[];
}

export async function chooseContext(
  messages: readonly ChatMessage[],
  policy: ContextPolicy = FULL_CONTEXT,
  encoder?: EngineEncoder,
): Promise<ChosenContext> {
  const last = messages.findLastIndex((m) => m.role === 'user');
  if (last < 0) throw new RangeError('the conversation has no user message to answer');
  const query = messages[last]!.content;
  const earlier = messages.slice(0, last);
  const turns = turnsOf(earlier);
  const similar = policy.kind === 'similar' && turns.length > 0;
  if (similar) {
    if (!encoder) throw new Error('similar-turns context needs a sentence encoder');
    const vectors = await encoder.embed([query, ...turns.map((t) => t.user)]);
    turns.forEach((t, i) => (t.embedding = vectors[i + 1]));
    return chosen(messages, last, selectContext(turns, policy, vectors[0]));
  }
  const kept = selectContext(turns, policy.kind === 'similar' ? FULL_CONTEXT : policy);
  if (policy.kind === 'current') return chosen(messages, last, kept);
  return { query, messages: [...messages], history: earlier, routerTurns: kept.userTexts.slice(-ROUTER_TURNS) };
}

/** The earlier messages as turns: a user message and the answer after it (system and tool messages aside). */
function turnsOf(earlier: readonly ChatMessage[]): Turn[] {
  const turns: Turn[] = [];
  for (const m of earlier) {
    if (m.role === 'user') turns.push({ user: m.content });
    else if (m.role === 'assistant' && m.content && turns.length > 0) turns.at(-1)!.assistant = m.content;
  }
  return turns;
}

function chosen(messages: readonly ChatMessage[], last: number, kept: ReturnType<typeof selectContext>): ChosenContext {
  const history = [...messages.slice(0, last).filter((m) => m.role === 'system'), ...kept.messages];
  const routerTurns = kept.userTexts.slice(-ROUTER_TURNS);
  return { query: messages[last]!.content, messages: [...history, ...messages.slice(last)], history, routerTurns };
}
