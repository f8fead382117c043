// The chat's routing of one text: the router in use (in the routing worker) estimates every usable model,
// the current profile's user vector shifts those estimates by the query's embedding (core/modes/personal.ts; no shift without
// feedback), and the shared rule decides. Used for the message itself and for a mode's sub-queries.
import { decide } from '../../core/routers/decide.ts';
import { personalise, userFeatures } from '../../core/modes/personal.ts';
import { catalogModels, useCatalog } from '../stores/catalog.ts';
import { embedQuery } from '../stores/encoder.ts';
import { usePreferences } from '../stores/preferences.ts';
import { currentProfile } from '../stores/profiles.ts';
import { activeRouter } from '../stores/router.ts';
import { usableModels } from '../stores/usable-models.ts';

/** What the router reads besides the text: earlier user turns, and the one blended into the query's vector. */
export interface RouterContext {
  turns: string[];
  previous?: string;
}

export async function routeText(text: string, context: RouterContext = { turns: [] }) {
  const catalog = catalogModels(useCatalog.getState().models);
  const models = usableModels().map((m) => m.id);
  if (models.length === 0) throw new Error('No model is enabled: add a provider and enable its models in Settings.');
  const lambda = usePreferences.getState().lambda;
  const started = performance.now();
  const router = await activeRouter(models, catalog);
  // The profile reads the query's embedding even when the router does not (then no encoder check applies).
  const embedding = await embedQuery(text, context.previous, router.needsEmbedding ? router.encoder : undefined);
  const routed = await router.route({ text, context: context.turns, ...(router.needsEmbedding ? { embedding } : {}) }, { lambda, allowed: models });
  const profile = currentProfile();
  const features = userFeatures(embedding);
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
    embedding: router.needsEmbedding ? embedding : undefined,
    lambda,
    catalog,
    ms: performance.now() - started,
    profile: { id: profile.id, name: profile.name, personalised, features },
  };
}
