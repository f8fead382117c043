// What the chat does when the user acts: send (the engine, core/engine, routes on-device and calls the chosen
// provider with its fallback chain or runs the conversation's mode; reply-view.ts shows its events in the thread;
// the outcome goes to the learning log), stop, regenerate (with another model), and feedback on an answer.
import { create } from 'zustand';
import { newId, useConversations, type ChatMessage } from '../stores/conversations.ts';
import { useLearning } from '../stores/learning.ts';
import { profileOf, useProfiles } from '../stores/profiles.ts';
import { chatEngine, chatState } from './chat-engine.ts';
import { chatRequest } from './chat-request.ts';
import { ReplyView } from './reply-view.ts';
import { useDraftSettings } from './draft-settings.ts';
import { answerWith } from '../../core/engine/engine.ts';
import { ratingPreference, regeneratePreference, type ProfileBasis } from '../../core/engine/lessons.ts';
import type { Preference } from '../../core/modes/personal.ts';
import { useProviders } from '../stores/providers.ts';
import type { Feedback } from '../../core/learn/outcome.ts';

interface ChatRun {
  /** The assistant message being produced, if any. */
  running: string | null;
  controller: AbortController | null;
}

/** Why chat refuses to call while the vault is under a passphrase not yet entered. */
export const VAULT_LOCKED = 'Your API keys are locked: unlock your keys to chat';

export const useChatRun = create<ChatRun>(() => ({ running: null, controller: null }));

export async function send(text: string, sendTo?: string): Promise<void> {
  const conversations = useConversations.getState();
  const profileId = useProfiles.getState().currentId;
  const open = conversations.conversations.find((c) => c.id === conversations.currentId && profileOf(c) === profileId);
  const conversationId = open?.id ?? (await conversations.create(profileId, useDraftSettings.getState().settings));
  await conversations.append(conversationId, { id: newId(), role: 'user', content: text.trim(), at: Date.now() });
  await answer(conversationId, sendTo ? { model: sendTo, by: 'send-to' } : undefined);
}

/** Asks again for the last answer, by the router's choice or with the model the user names. */
export async function regenerate(messageId: string, model?: string): Promise<void> {
  const { currentId, truncate } = useConversations.getState();
  const message = currentMessage(messageId);
  if (!currentId || !message) return;
  if (model && message.outcomeId) await useLearning.getState().feedback(message.outcomeId, { regeneratedWith: model });
  // Asking another model says this profile prefers it to the one that answered.
  if (model) await learnPreference(message, (basis) => regeneratePreference(basis, model, message.routing!.model));
  await truncate(currentId, messageId);
  const first = message.routing?.model;
  await answer(currentId, model ? { model, by: 'regenerate', ...(first && first !== model ? { over: first } : {}) } : undefined);
}

export function stop(): void {
  useChatRun.getState().controller?.abort();
}

export async function giveFeedback(messageId: string, feedback: Feedback): Promise<void> {
  const { currentId, update } = useConversations.getState();
  const message = currentMessage(messageId);
  if (!currentId || !message?.outcomeId) return;
  const { regeneratedWith: _ignored, ...shown } = feedback;
  await update(currentId, messageId, { feedback: { ...message.feedback, ...shown } });
  await useLearning.getState().feedback(message.outcomeId, feedback);
  await learnPreference(message, (basis) => ratingPreference(basis, message.routing!.model, feedback));
}

/** Teaches the profile that routed `message` a preference about it (nothing for answers routed before profiles). */
async function learnPreference(message: ChatMessage, preference: (basis: ProfileBasis) => Preference | undefined): Promise<void> {
  const routing = message.routing;
  if (!routing?.profile || !routing.globalQuality || routing.profile.id !== useProfiles.getState().currentId) return;
  const learned = preference({ features: routing.profile.features, globalQuality: routing.globalQuality });
  if (learned) await useProfiles.getState().learn(learned);
}

function currentMessage(id: string): ChatMessage | undefined {
  const { currentId, conversations } = useConversations.getState();
  return conversations.find((c) => c.id === currentId)?.messages.find((m) => m.id === id);
}

/** A model the user named instead of the router's; `over`: the model whose answer they regenerated away from. */
interface Forced {
  model: string;
  by: 'send-to' | 'regenerate';
  over?: string;
}

async function answer(conversationId: string, forced?: Forced): Promise<void> {
  const { append, update, conversations } = useConversations.getState();
  const conversation = conversations.find((c) => c.id === conversationId)!;
  const history = conversation.messages.filter((m) => m.content && m.status !== 'error');

  const reply: ChatMessage = { id: newId(), role: 'assistant', content: '', at: Date.now(), status: 'routing' };
  await append(conversationId, reply);
  const controller = new AbortController();
  useChatRun.setState({ running: reply.id, controller });
  const patch = (p: Partial<ChatMessage>, persist = true) => update(conversationId, reply.id, p, persist);
  const mode = conversation.mode && conversation.mode !== 'single' && !forced ? conversation.mode : undefined;
  const view = new ReplyView(patch, mode);
  try {
    if (useProviders.getState().locked) throw new Error(`${VAULT_LOCKED} (Settings → Providers).`);
    const named = forced && { models: [forced.model], by: forced.by, ...(forced.over ? { over: forced.over } : {}) };
    const request = chatRequest(conversation, history, chatState(), controller.signal, named);
    const answered = await answerWith(await chatEngine(), request, (event) => view.on(event));
    // A multi-call mode's answer is not one model's outcome: the learning log keeps single answers.
    if (answered.result.kind === 'single') await useLearning.getState().log(answered.record);
    await view.finish(answered, controller.signal.aborted, answered.result.kind === 'single' ? answered.record.id : undefined);
  } catch (e) {
    const stopped = controller.signal.aborted;
    const failure = stopped ? {} : { error: (e as Error).message };
    await patch({ content: view.content, attempts: view.attempts, status: stopped ? 'stopped' : 'error', ...failure });
  } finally {
    useChatRun.setState({ running: null, controller: null });
  }
}
