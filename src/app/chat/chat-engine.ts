// The app's parts of the engine (core/engine): the router in use in the routing worker, the encoder worker (checked
// against the encoder the router was trained with), the provider layer's routed caller, the usable models; and the
// state the chat's request reads (chat-request.ts).
import type { EngineParts } from '../../core/engine/types.ts';
import { catalogModels, useCatalog } from '../stores/catalog.ts';
import { useCalls } from '../stores/calls.ts';
import { embedChecked, useEncoder } from '../stores/encoder.ts';
import { usePreferences } from '../stores/preferences.ts';
import { currentProfile } from '../stores/profiles.ts';
import { activeRouter } from '../stores/router.ts';
import { usableModels } from '../stores/usable-models.ts';
import type { ChatState } from './chat-request.ts';

export async function chatEngine(): Promise<EngineParts> {
  const catalog = catalogModels(useCatalog.getState().models);
  const models = usableModels();
  if (models.length === 0) throw new Error('No model is enabled: add a provider and enable its models in Settings.');
  const router = await activeRouter(
    models.map((m) => m.id),
    catalog,
  );
  const trainedWith = router.input === 'embedding' ? router.encoder : undefined;
  const calls = useCalls.getState();
  return {
    router: { name: router.name, input: router.input, textTier: router.textTier, route: router.route },
    encoder: { embed: (texts) => embedChecked(texts, trainedWith), ready: () => useEncoder.getState().status === 'ready' },
    caller: calls.caller(catalog),
    models,
    concurrency: calls.settings.concurrency,
  };
}

/** The chat's state the request reads: the cost knob, the usable models, the current profile. */
export function chatState(): ChatState {
  return { lambda: usePreferences.getState().lambda, allowed: usableModels().map((m) => m.id), profile: currentProfile() };
}
