// `cascade` mode (AutoMix): the cheapest able model answers, its answer is checked, and kept when the score
// reaches the calibrated threshold (cascade-threshold.ts); otherwise the query escalates to the router's premium
// model. The check is AutoMix's sampled self-verification (shared with the automix router) or, with
// `check: 'on-device'`, the answer verifier run on the device where a final number can be read off the answer
// (answers/verifier.ts: no second LLM call), falling back to the votes where none can.
// The cheap answer is shown either way, in the verify step.
import { selfVerify, verificationVotes, type Verified } from '../routers/automix.ts';
import { finalAnswer } from '../answers/final-answer.ts';
import { verifierSchema, verifyAnswer, type Verifier } from '../answers/verifier.ts';
import gsm8kVerifier from '../answers/gsm8k-verifier.json' with { type: 'json' };
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
  /** How the cheap answer is checked (default: AutoMix's self-verification votes). */
  check?: 'self-verify' | 'on-device';
  /** The on-device verifier (default: the one trained on RouteLLM's GSM8K answers, scripts/train-verifier.ts). */
  verifier?: Verifier;
}

const DEFAULT_VERIFIER = verifierSchema.parse(gsm8kVerifier);

export async function runCascade(query: string, env: ModeEnv, o: CascadeOptions = {}): Promise<ModeResult> {
  const trace = new Trace(env);
  const cheap = o.cheap ? modelById(env, o.cheap) : cheapestAble(env, query);
  const decision = await env.route(query);
  const premium = o.premium ? decision.ranking.find((r) => r.model === o.premium) : premiumOf(decision, cheap.id);
  const cheapEstimate = decision.ranking.find((r) => r.model === cheap.id);
  const samples = o.samples ?? 4;
  const threshold = calibrateThreshold(o.calibration ?? [], {
    lambda: o.lambda ?? 0,
    cheapCost: (cheapEstimate?.cost ?? 0) * (o.check === 'on-device' ? 1 : 1 + samples),
    premiumCost: premium?.cost ?? 0,
    premiumQuality: premium?.quality ?? 1,
  });

  const started = (env.now ?? Date.now)();
  const verified = await checkedAnswer(env, cheap.id, query, o, { samples, maxTokens: o.maxTokens ?? 1024 });
  const kept = !premium || verified.score >= threshold.value;
  trace.add({
    type: 'verify',
    model: cheap.id,
    cost: verified.cost,
    ms: (env.now ?? Date.now)() - started,
    answer: verified.answer.text,
    score: verified.score,
    check: verified.check,
    threshold: threshold.value,
    calibratedOn: threshold.calibratedOn,
    kept,
  });
  if (kept)
    return trace.result(
      'cascade',
      verified.answer.text,
      cheap.id,
      premium ? undefined : 'only one model is enabled: nothing to escalate to',
    );
  const answer = await timedCall(env, premium.model, withHistory(env, query), { maxTokens: o.maxTokens });
  trace.add({ type: 'answer', model: answer.model, cost: answer.cost, ms: answer.ms });
  return trace.result('cascade', answer.text, answer.model);
}

/** The cheap model's answer with its check's score and the USD of every call made for both. */
async function checkedAnswer(
  env: ModeEnv,
  model: string,
  query: string,
  o: CascadeOptions,
  votes: { samples: number; maxTokens: number },
): Promise<Verified & { check: 'on-device' | 'self-verify' }> {
  const messages = withHistory(env, query);
  if (o.check !== 'on-device') return { ...(await selfVerify(env.complete, model, messages, votes)), check: 'self-verify' };
  const answer = await env.complete(model, messages, { maxTokens: votes.maxTokens, temperature: 0, signal: env.signal });
  if (finalAnswer(answer.text))
    return { answer, score: verifyAnswer(o.verifier ?? DEFAULT_VERIFIER, query, answer.text), cost: answer.cost, check: 'on-device' };
  const voted = await verificationVotes(env.complete, model, query, answer.text, votes);
  return { answer, score: voted.score, cost: answer.cost + voted.cost, check: 'self-verify' };
}
