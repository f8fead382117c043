// What the chat does when the user acts: send (route on-device, then call the chosen provider with its
// fallback chain, streaming the answer into the thread and logging the outcome), stop, regenerate (with
// another model), and feedback on an answer.
import { create } from 'zustand';
import { newId, useConversations, type Attempt, type ChatMessage, type RoutingInfo } from '../stores/conversations.ts';
import { useLearning } from '../stores/learning.ts';
import { useCalls } from '../stores/calls.ts';
import { profileOf, useProfiles } from '../stores/profiles.ts';
import { chooseContext } from './conversation-context.ts';
import { answerWithMode } from './mode-answer.ts';
import { routeText } from './personal-route.ts';
import { useDraftSettings } from './draft-settings.ts';
import type { Preference } from '../../core/modes/personal.ts';
import { useProviders } from '../stores/providers.ts';
import { blockedOrigin, connectBlockedHint } from '../../platform/browser/connect-policy.ts';
import type { CatalogModel } from '../../core/catalog/model.ts';
import type { Feedback } from '../../core/learn/outcome.ts';
import { premiumAlternative } from '../../core/learn/premium.ts';
import { outcomeRecord } from './outcome-record.ts';
import type { ModelEstimate } from '../../core/routers/router.ts';
import type { RoutedEvent } from '../../core/providers/routed-call.ts';

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
  if (model) await learnPreference(message, (features, global) => ({ kind: 'pairwise', winner: model, loser: message.routing!.model, features, globalWinner: global[model] ?? 0.5, globalLoser: global[message.routing!.model] ?? 0.5 }));
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
  const rating = feedback.rating !== undefined ? (feedback.rating - 1) / 4 : feedback.thumbs === 'up' ? 1 : feedback.thumbs === 'down' ? 0 : undefined;
  if (rating !== undefined) await learnPreference(message, (features, global) => ({ kind: 'rating', model: message.routing!.model, features, global: global[message.routing!.model] ?? 0.5, rating }));
}

/** Teaches the profile that routed `message` a preference about it (nothing for answers routed before profiles). */
async function learnPreference(message: ChatMessage, preference: (features: number[], global: Record<string, number>) => Preference): Promise<void> {
  const routing = message.routing;
  if (!routing?.profile || !routing.globalQuality || routing.profile.id !== useProfiles.getState().currentId) return;
  await useProfiles.getState().learn(preference(routing.profile.features, routing.globalQuality));
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
  const text = history.at(-1)!.content;

  const reply: ChatMessage = { id: newId(), role: 'assistant', content: '', at: Date.now(), status: 'routing' };
  await append(conversationId, reply);
  const controller = new AbortController();
  useChatRun.setState({ running: reply.id, controller });
  const patch = (p: Partial<ChatMessage>, persist = true) => update(conversationId, reply.id, p, persist);
  let content = '';
  const attempts: Attempt[] = [];
  try {
    if (useProviders.getState().locked) throw new Error(`${VAULT_LOCKED} (Settings → Providers).`);
    const context = await chooseContext(history, conversation.context);
    const mode = conversation.mode ?? 'single';
    if (mode !== 'single' && !forced) return await answerWithMode(mode, text, context, patch, controller.signal);
    const routed = await routeText(text, context.router);
    const { catalog, embedding, lambda } = routed;
    const byQuality = [...routed.decision.ranking].sort((a, b) => b.quality - a.quality || b.cost - a.cost);
    const ranking: ModelEstimate[] = forced
      ? [routed.decision.ranking.find((r) => r.model === forced.model) ?? { model: forced.model, quality: NaN, cost: NaN }, ...routed.decision.ranking.filter((r) => r.model !== forced.model)]
      : routed.decision.ranking;
    const routing: RoutingInfo = {
      router: routed.router,
      model: ranking[0]!.model,
      pick: ranking[0]!,
      premium: byQuality[0]!,
      estimates: routed.prediction.estimates,
      explanation: routed.prediction.explanation,
      ms: routed.ms,
      lambda,
      contextTurns: context.router.turns.length,
      profile: routed.profile,
      globalQuality: Object.fromEntries(routed.global.map((e) => [e.model, e.quality])),
      ...(forced ? { forcedBy: forced.by } : {}),
    };
    const routerContext = context.router.turns;
    await patch({ routing, status: 'streaming' });

    let flush: ReturnType<typeof setTimeout> | undefined;
    const onEvent = (event: RoutedEvent) => {
      if (event.type === 'attempt' && attempts.at(-1)?.model !== event.model) attempts.push({ model: event.model });
      else if (event.type === 'failed') attempts.at(-1)!.error = explainFailure(event, catalog);
      else if (event.type === 'skipped') attempts.push({ model: event.model, error: SKIPPED[event.reason] });
      else if (event.type === 'token') {
        content += event.text;
        flush ??= setTimeout(() => {
          flush = undefined;
          void patch({ content, attempts: [...attempts] }, false);
        }, 40);
      }
    };
    const result = await useCalls.getState().caller(catalog).call({
      ranking: ranking.map((r) => ({ model: r.model, ...(Number.isFinite(r.cost) ? { cost: r.cost } : {}) })),
      messages: [...context.messages, { role: 'user', content: text }],
      signal: controller.signal,
      onEvent,
    });
    clearTimeout(flush);

    const premiumModel = catalog.find((m) => m.id === routing.premium.model);
    const record = outcomeRecord({
      query: text,
      context: routerContext,
      ...(embedding ? { embedding } : {}),
      router: routed.router,
      chosen: ranking[0]!.model,
      ...(forced ? { forced: true } : {}),
      lambda,
      outcomes: result.outcomes,
      ...(premiumModel ? { premium: premiumAlternative(premiumModel, result.outcomes) } : {}),
      ...(result.error ? { error: result.error.message } : {}),
      ...(forced?.over ? { preferredOver: forced.over } : {}),
    });
    await useLearning.getState().log(record);
    const stopped = controller.signal.aborted;
    await patch({
      content: result.text,
      attempts,
      outcomeId: record.id,
      status: stopped ? 'stopped' : result.error ? 'error' : 'done',
      ...(result.error && !stopped ? { error: `No answer: ${result.error.message}` } : {}),
    });
  } catch (e) {
    const stopped = controller.signal.aborted;
    await patch({ content, attempts, status: stopped ? 'stopped' : 'error', ...(stopped ? {} : { error: (e as Error).message }) });
  } finally {
    useChatRun.setState({ running: null, controller: null });
  }
}

/** A failure as the user should read it: a connection the page's policy blocks says how to allow it. */
function explainFailure(event: Extract<RoutedEvent, { type: 'failed' }>, catalog: readonly CatalogModel[]): string {
  if (event.kind !== 'network' && event.kind !== 'cors') return event.message;
  const provider = catalog.find((m) => m.id === event.model)?.provider;
  const baseUrl = useProviders.getState().providers.find((p) => p.id === provider)?.baseUrl;
  const origin = baseUrl === undefined ? undefined : blockedOrigin(baseUrl);
  return origin ? connectBlockedHint(origin) : event.message;
}

const SKIPPED: Record<Extract<RoutedEvent, { type: 'skipped' }>['reason'], string> = {
  circuit_open: 'skipped: too many recent failures (circuit open)',
  no_provider: 'skipped: its provider is not set up (or has no key)',
  unknown_model: 'skipped: not in the model catalog',
  key_refused: 'skipped: the provider refused this key a moment ago',
};
