// What the chat does when the user acts: send (route on-device, then call the chosen provider with its
// fallback chain, streaming the answer into the thread and logging the outcome), stop, regenerate (with
// another model), and feedback on an answer.
import { create } from 'zustand';
import { newId, useConversations, type Attempt, type ChatMessage, type RoutingInfo } from '../stores/conversations.ts';
import { useLearning } from '../stores/learning.ts';
import { usePreferences } from '../stores/preferences.ts';
import { catalogModels, useCatalog } from '../stores/catalog.ts';
import { usableModels } from '../stores/usable-models.ts';
import { activeRouter } from '../stores/router.ts';
import { embedQuery } from '../stores/encoder.ts';
import { useCalls } from '../stores/calls.ts';
import { useProviders } from '../stores/providers.ts';
import { blockedOrigin, connectBlockedHint } from '../../platform/browser/connect-policy.ts';
import type { CatalogModel } from '../../core/catalog/model.ts';
import type { Feedback, OutcomeRecord } from '../../core/learn/outcome.ts';
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
  const conversationId = conversations.currentId ?? (await conversations.create());
  await conversations.append(conversationId, { id: newId(), role: 'user', content: text.trim(), at: Date.now() });
  await answer(conversationId, sendTo ? { model: sendTo, by: 'send-to' } : undefined);
}

/** Asks again for the last answer, by the router's choice or with the model the user names. */
export async function regenerate(messageId: string, model?: string): Promise<void> {
  const { currentId, truncate } = useConversations.getState();
  const message = currentMessage(messageId);
  if (!currentId || !message) return;
  if (model && message.outcomeId) await useLearning.getState().feedback(message.outcomeId, { regeneratedWith: model });
  await truncate(currentId, messageId);
  await answer(currentId, model ? { model, by: 'regenerate' } : undefined);
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
}

function currentMessage(id: string): ChatMessage | undefined {
  const { currentId, conversations } = useConversations.getState();
  return conversations.find((c) => c.id === currentId)?.messages.find((m) => m.id === id);
}

async function answer(conversationId: string, forced?: { model: string; by: 'send-to' | 'regenerate' }): Promise<void> {
  const { append, update, conversations } = useConversations.getState();
  const history = conversations.find((c) => c.id === conversationId)!.messages.filter((m) => m.content && m.status !== 'error');
  const userTurns = history.filter((m) => m.role === 'user').map((m) => m.content);
  const text = userTurns.at(-1)!;
  const context = userTurns.slice(0, -1).slice(-3);

  const reply: ChatMessage = { id: newId(), role: 'assistant', content: '', at: Date.now(), status: 'routing' };
  await append(conversationId, reply);
  const controller = new AbortController();
  useChatRun.setState({ running: reply.id, controller });
  const patch = (p: Partial<ChatMessage>, persist = true) => update(conversationId, reply.id, p, persist);
  let content = '';
  const attempts: Attempt[] = [];
  try {
    const catalog = catalogModels(useCatalog.getState().models);
    const models = usableModels().map((m) => m.id);
    if (useProviders.getState().locked) throw new Error(`${VAULT_LOCKED} (Settings → Providers).`);
    if (models.length === 0) throw new Error('No model is enabled: add a provider and enable its models in Settings.');
    const lambda = usePreferences.getState().lambda;

    const started = performance.now();
    const router = await activeRouter(models, catalog);
    const embedding = router.needsEmbedding ? await embedQuery(text, context.at(-1)) : undefined;
    const routed = await router.route({ text, context, embedding }, { lambda, allowed: models });
    const ms = performance.now() - started;

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
      ms,
      lambda,
      contextTurns: context.length,
      ...(forced ? { forcedBy: forced.by } : {}),
    };
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
      messages: history.map((m) => ({ role: m.role, content: m.content })),
      signal: controller.signal,
      onEvent,
    });
    clearTimeout(flush);

    const ok = result.outcomes.filter((o) => o.kind === 'ok').at(-1);
    const record: OutcomeRecord = {
      id: newId(),
      type: 'routed-call',
      callId: result.outcomes[0]?.callId ?? newId(),
      at: Date.now(),
      query: text,
      ...(context.length ? { context } : {}),
      ...(embedding ? { embedding: Array.from(embedding) } : {}),
      router: routed.router,
      chosen: ranking[0]!.model,
      ...(forced ? { forced: true } : {}),
      path: result.outcomes.map((o) => ({ model: o.model, kind: o.kind, latencyMs: o.latencyMs, ...(o.error ? { error: o.error } : {}) })),
      ...(ok ? { answeredBy: ok.model } : {}),
      latency_ms: result.outcomes.reduce((s, o) => s + o.latencyMs, 0),
      input_tokens: ok?.inputTokens ?? 0,
      output_tokens: ok?.outputTokens ?? 0,
      answerCost: ok?.cost ?? 0,
      ...(result.error ? { error: result.error.message } : {}),
    };
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
