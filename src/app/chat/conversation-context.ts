// Which earlier turns go with a message, by the conversation's context setting (core/modes/context.ts):
// none, all (the default), or the k most similar earlier turns by embedding (embedded in the encoder worker).
// The model receives the chosen turns; the router reads their user messages (the last three at most).
import { selectContext, type ContextPolicy, type Turn } from '../../core/modes/context.ts';
import type { ChatMessage as WireMessage } from '../../core/providers/types.ts';
import type { ChatMessage } from '../stores/conversations.ts';
import { embedTexts } from '../stores/encoder.ts';
import type { RouterContext } from './personal-route.ts';

export const FULL_CONTEXT: ContextPolicy = { kind: 'full' };
const ROUTER_TURNS = 3;

export interface ChosenContext {
  messages: WireMessage[];
  router: RouterContext;
}

/** The context for the last user message of `history` (earlier answers that failed are left out). */
export async function chooseContext(history: readonly ChatMessage[], policy: ContextPolicy = FULL_CONTEXT): Promise<ChosenContext> {
  const turns: Turn[] = [];
  for (const m of history.slice(0, -1)) {
    if (m.role === 'user') turns.push({ user: m.content });
    else if (turns.length > 0) turns.at(-1)!.assistant = m.content;
  }
  const current = history.at(-1)!.content;
  if (policy.kind === 'similar' && turns.length > 0) {
    const vectors = await embedTexts([current, ...turns.map((t) => t.user)]);
    turns.forEach((t, i) => (t.embedding = vectors[i + 1]));
    return fromSelection(selectContext(turns, policy, vectors[0]));
  }
  return fromSelection(selectContext(turns, policy.kind === 'similar' ? FULL_CONTEXT : policy));
}

function fromSelection(selected: ReturnType<typeof selectContext>): ChosenContext {
  const turns = selected.userTexts.slice(-ROUTER_TURNS);
  return { messages: selected.messages, router: { turns, ...(turns.length ? { previous: turns.at(-1) } : {}) } };
}
