// The chat's routing of one text: the router in use (in the routing worker) estimates every usable model,
// the current profile's user vector shifts those estimates by the query's embedding (core/modes/personal.ts; no shift without
// feedback), and the shared rule decides. Used for the message itself and for a mode's sub-queries. While the encoder
// is loading, a router with a text-only tier routes without the embedding (and without personalisation).
import { decide } from '../../core/routers/decide.ts';
import { personalise, userFeatures } from '../../core/modes/personal.ts';
import { catalogModels, useCatalog } from '../stores/catalog.ts';
import { embedQuery, encoder, useEncoder } from '../stores/encoder.ts';
import { usePreferences } from '../stores/preferences.ts';
import { currentProfile } from '../stores/profiles.ts';
import { activeRouter } from '../stores/router.ts';
import { usableModels } from '../stores/usable-models.ts';

/** What the router reads besides the text: earlier user turns, and the one blended into the query's vector. */
export interface RouterContext {
  turns: string[];
  previous?: string;
}

/** Starts the encoder and loads the router in use as soon as a model can be called (now, or when the first one is
 * enabled), so the first message waits for neither; until then nothing is loaded that no message could use. */
export function warmRouting(): void {
  const warm = () => {
    const models = usableModels().map((m) => m.id);
    if (models.length === 0) return false;
    void encoder().catch(() => undefined);
    void activeRouter(models, catalogModels(useCatalog.getState().models)).catch(() => undefined);
    return true;
  };
  if (warm()) return;
  const stop = useCatalog.subscribe(() => {
    if (warm()) stop();
  });
}

export async function routeText(text: string, context: RouterContext = { turns: [] }) {
  const catalog = catalogModels(useCatalog.getState().models);
  const models = usableModels().map((m) => m.id);
  if (models.length === 0) throw new Error('No model is enabled: add a provider and enable its models in Settings.');
  const lambda = usePreferences.getState().lambda;
  const started = performance.now();
  const router = await activeRouter(models, catalog);
  // Until the encoder is ready (it is warmed when the app opens), a router with a text-only tier (the default irt)
  // routes by the words alone rather than keep the message waiting; the badge names the tier.
  const textOnly = router.textTier && useEncoder.getState().status !== 'ready';
  // The profile reads the query's embedding even when the router does not (then no encoder check applies). It reads
  // the message's own vector, not the follow-up blend the router reads: a preference given on one kind of question
  // must not carry over to the conversation's earlier topic (the previous turn's share of the blend).
  const vectors = textOnly ? undefined : await embedQuery(text, context.previous, router.needsEmbedding ? router.encoder : undefined);
  const embedding = router.needsEmbedding ? vectors?.contextual : undefined;
  const routed = await router.route({ text, context: context.turns, ...(embedding ? { embedding } : {}) }, { lambda, allowed: models });
  if (textOnly) routed.router = `${routed.router} (text only: encoder loading)`;
  const profile = currentProfile();
  const features = userFeatures(vectors?.own);
  const personalised = Object.keys(profile.vector.models).length > 0;
  const estimates = personalise(routed.prediction.estimates, profile.vector, features);
  const decision = personalised ? decide(estimates, { lambda, allowed: models }) : routed.decision;
  return {
    router: routed.router,
    prediction: { ...routed.prediction, estimates },
    /** The global router's estimates, before this profile's shift (what feedback is learned against). */
    global: routed.prediction.estimates,
    decision,
    /** The vector the router read (logged with the outcome for retraining); the profile's features are apart. */
    embedding,
    lambda,
    catalog,
    ms: performance.now() - started,
    profile: { id: profile.id, name: profile.name, personalised, features },
  };
}
