// What the chat asks the engine (core/engine) for a conversation's last message, from plain values: its messages
// that have content, the cost knob over the usable models, its mode and context policy, the current profile (whose
// calibration the cascade uses). Pure, so a test can send the app's request through the engine outside a browser.
import type { AnswerRequest, Forced } from '../../core/engine/types.ts';
import type { ChatMessage as WireMessage } from '../../core/providers/types.ts';
import type { ChatMessage, Conversation } from '../stores/conversations.ts';
import type { Profile } from '../stores/profiles.ts';

export interface ChatState {
  lambda: number;
  /** The usable models' ids. */
  allowed: string[];
  profile: Pick<Profile, 'id' | 'name' | 'vector' | 'calibration'>;
}

export function chatRequest(
  conversation: Pick<Conversation, 'mode' | 'context'>,
  history: readonly ChatMessage[],
  state: ChatState,
  signal: AbortSignal,
  forced?: Forced,
): AnswerRequest {
  const { profile } = state;
  return {
    messages: history.map((m): WireMessage => ({ role: m.role, content: m.content })),
    policy: { lambda: state.lambda, allowed: state.allowed },
    mode: conversation.mode ?? 'single',
    ...(conversation.context ? { context: conversation.context } : {}),
    profile: { id: profile.id, name: profile.name, vector: profile.vector },
    modeOptions: { cascade: { calibration: profile.calibration } },
    signal,
    ...(forced ? { forced } : {}),
  };
}
