// `cascade` mode (AutoMix): the cheapest able model answers, verifies its own answer (AutoMix's sampled
// self-verification, shared with the automix router), and the answer is kept when the score reaches the
// calibrated threshold (cascade-threshold.ts); otherwise the query escalates to the router's premium model.
// The cheap answer is shown either way, in the verify step.
import { selfVerify } from '../routers/automix.ts';
import { calibrateThreshold, type CalibrationPoint } from './cascade-threshold.ts';
import { cheapestAble, modelById, premiumOf, timedCall, Trace, withHistory, type ModeEnv, type ModeResult } from './mode.ts';

export interface CascadeOptions {
  /** The cheap and premium models (default: the cheapest able model, and the router's best-quality one). */
  cheap?: string;
  premium?: string;
  /** Verification votes (AutoMix samples several). */
  samples?: number;
  maxTokens?: number;
  /** Labelled verification scores to calibrate the threshold on, and the cost/quality knob. */
  calibration?: readonly CalibrationPoint[];
  lambda?: number;
}

export async function runCascade(query: string, env: ModeEnv, o: CascadeOptions = {}): Promise<ModeResult> {
  const trace = new Trace(env);
  const cheap = o.cheap ? modelById(env, o.cheap) : cheapestAble(env, query);
  const decision = await env.route(query);
  const premium = o.premium ? decision.ranking.find((r) => r.model === o.premium) : premiumOf(decision, cheap.id);
  const cheapEstimate = decision.ranking.find((r) => r.model === cheap.id);
  const samples = o.samples ?? 4;
  const threshold = calibrateThreshold(o.calibration ?? [], {
    lambda: o.lambda ?? 0,
    cheapCost: (cheapEstimate?.cost ?? 0) * (1 + samples),
    premiumCost: premium?.cost ?? 0,
    premiumQuality: premium?.quality ?? 1,
  });

  const started = (env.now ?? Date.now)();
  const verified = await selfVerify(env.complete, cheap.id, withHistory(env, query), { samples, maxTokens: o.maxTokens ?? 1024 });
  const kept = !premium || verified.score >= threshold.value;
  trace.add({
    type: 'verify',
    model: cheap.id,
    cost: verified.cost,
    ms: (env.now ?? Date.now)() - started,
    answer: verified.answer.text,
    score: verified.score,
    threshold: threshold.value,
    calibratedOn: threshold.calibratedOn,
    kept,
  });
  if (kept) return trace.result('cascade', verified.answer.text, cheap.id, premium ? undefined : 'only one model is enabled: nothing to escalate to');
  const answer = await timedCall(env, premium.model, withHistory(env, query), { maxTokens: o.maxTokens });
  trace.add({ type: 'answer', model: answer.model, cost: answer.cost, ms: answer.ms });
  return trace.result('cascade', answer.text, answer.model);
}
