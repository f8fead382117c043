// Route, personalise, decide: the router estimates every allowed model for the query (reading the vector of the
// query blended with the previous user turn, core/embed/contextual.ts, when it reads embeddings), the profile's
// user vector shifts those estimates by the query's own vector (no shift before any feedback: a preference given
// on one kind of question must not carry over to the conversation's earlier topic), and the shared rule decides.
import { contextualVector } from '../embed/contextual.ts';
import { personalise, userFeatures } from '../modes/personal.ts';
import { premiumOf } from '../modes/mode.ts';
import { decide, type Policy } from '../routers/decide.ts';
import type { EngineEncoder, EngineProfile, EngineRouter, Routed } from './types.ts';

export interface RouteInput {
  text: string;
  /** Earlier user turns the router reads, oldest first. */
  turns: string[];
  policy: Policy;
  profile?: EngineProfile;
}

export class RoutingError extends Error {
  constructor(router: string, cause: unknown) {
    super(`router "${router}": ${(cause as Error).message}`, { cause });
    this.name = 'RoutingError';
  }
}

export async function routeMessage(router: EngineRouter, encoder: EngineEncoder | undefined, input: RouteInput): Promise<Routed> {
  const started = performance.now();
  try {
    // Until the encoder is ready, a router with a text-only tier (the default irt) routes by the words alone rather
    // than keep the message waiting.
    const textOnly = router.textTier === true && encoder?.ready?.() === false;
    const { own, embedding } = textOnly ? {} : await vectorsOf(router, encoder, input);
    const query = { text: input.text, ...(input.turns.length > 0 ? { context: input.turns } : {}), ...(embedding ? { embedding } : {}) };
    const routed = await router.route(query, input.policy);
    const global = routed.prediction.estimates;
    const profile = textOnly ? undefined : input.profile;
    const features = profile ? userFeatures(own) : [];
    const personalised = profile !== undefined && Object.keys(profile.vector.models).length > 0;
    const estimates = profile ? personalise(global, profile.vector, features) : global;
    const decision = personalised ? decide(estimates, input.policy) : routed.decision;
    return {
      decision,
      estimates,
      global,
      explanation: routed.prediction.explanation,
      lambda: input.policy.lambda,
      ms: performance.now() - started,
      contextTurns: input.turns,
      ...(embedding ? { embedding } : {}),
      ...(profile ? { profile: { id: profile.id, name: profile.name, personalised, features } } : {}),
      premium: premiumOf(decision)!,
      ...(routed.explored !== undefined ? { explored: routed.explored } : {}),
      ...(textOnly ? { textOnly } : {}),
    };
  } catch (e) {
    throw new RoutingError(router.name, e);
  }
}

interface QueryVectors {
  own?: Float32Array;
  embedding?: Float32Array;
}

/** The query's own vector (for the profile) and the one the router reads (blended with the previous turn). */
async function vectorsOf(router: EngineRouter, encoder: EngineEncoder | undefined, input: RouteInput): Promise<QueryVectors> {
  if (router.input !== 'embedding' && !input.profile) return {};
  if (!encoder) throw new Error("it needs the query's embedding, and no sentence encoder is set up");
  // One text per encoder run: a dynamically quantized encoder's vector for a text would otherwise depend on the
  // other texts of its batch.
  const previous = input.turns.at(-1);
  const [own] = await encoder.embed([input.text]);
  const before = previous && router.input === 'embedding' ? (await encoder.embed([previous]))[0] : undefined;
  return { own, ...(router.input === 'embedding' ? { embedding: contextualVector(own!, before) } : {}) };
}
