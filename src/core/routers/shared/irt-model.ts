// Multidimensional item response theory, as IRT-Router (ACL 2025) uses it: the chance that model m answers
// query q well is sigmoid(a_q (mix_q . ability_m - difficulty_q)), where mix_q (non-negative, summing to one)
// says which skills q needs and a_q > 0 how sharply q separates able models from weak ones. Because the mix and
// a_q are positive, a model at least as able on every skill never gets a lower chance, and a harder query never
// raises one. Here: that probability, the joint fit of the models' abilities with linear difficulty and
// log-discrimination heads on query embeddings, and the few-shot (MAP) update of one model's abilities.
// Abilities may be anchored: each model's ability is its anchor (its published benchmark figures on the logit
// scale) plus a fitted offset kept small by a Gaussian prior, which puts the difficulty of items from datasets
// that share no model (LLMRouter's nine open models, RouteLLM's GPT-4 and Mixtral) on one scale.
import type { Step } from './step.ts';
import { adamSlots, adamStep } from './adam.ts';
import { permutation, sigmoid } from './vectors.ts';
import { mulberry32 } from '../../data/random.ts';
import { solve } from './linear-solve.ts';

/** P(model answers well) for a query with skill mix `mix`, difficulty and discrimination (> 0), given the model's abilities. */
export function irtProbability(mix: ArrayLike<number>, ability: ArrayLike<number>, difficulty: number, discrimination = 1): number {
  return sigmoid(discrimination * (skillSum(mix, ability) - difficulty));
}

function skillSum(mix: ArrayLike<number>, ability: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < mix.length; k++) s += mix[k]! * ability[k]!;
  return s;
}

/** What the joint fit sees: per sample its skill mix and embedding, per (sample, model) the score if it ran. */
export interface IrtData {
  /** n x skills, rows sum to one. */
  mix: Float32Array;
  /** n x d embeddings. */
  x: Float32Array;
  /** n x models scores in [0,1]. */
  scores: Float32Array;
  /** n x models: 1 where the model ran on the sample. */
  ran: Uint8Array;
  skills: number;
  models: number;
  /** models x skills anchors the abilities are offsets from (absent: zero, unanchored). */
  anchor?: Float32Array;
}

export interface IrtFit {
  /** models x skills. */
  abilities: Float32Array;
  /** Difficulty = head . embedding + bias. */
  head: Float32Array;
  bias: number;
  /** Discrimination = exp(sharpness . embedding + sharpnessBias). */
  sharpness: Float32Array;
  sharpnessBias: number;
}

export interface IrtFitOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weight decay of the abilities (their offsets from the anchors when anchored); default `l2`. */
  abilityL2?: number;
  seed: number;
}

/** Maximum-likelihood abilities and difficulty head (logistic loss, Adam over mini-batches of samples). */
export async function fitIrt(data: IrtData, o: IrtFitOptions, step: Step): Promise<IrtFit> {
  const n = data.mix.length / data.skills;
  const d = data.x.length / n;
  const { skills: k, models: m } = data;
  const abilities = new Float32Array(m * k);
  const head = new Float32Array(d);
  const bias = new Float32Array(1);
  const sharpness = new Float32Array(d);
  const sharpnessBias = new Float32Array(1);
  const params: IrtParams = [abilities, head, bias, sharpness, sharpnessBias];
  const slots = adamSlots(params);
  const grads = slots.map((s) => s.g) as IrtParams;
  const random = mulberry32(o.seed);
  const batch = 64;
  let t = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = permutation(n, random);
    for (let start = 0; start < n; start += batch) {
      let pairs = 0;
      for (let bi = start; bi < Math.min(n, start + batch); bi++) pairs += addSampleGradient(data, params, grads, order[bi]!).pairs;
      if (pairs === 0) continue;
      adamStep(params, slots, ++t, o.learningRate, 1 / pairs, [o.abilityL2 ?? o.l2, o.l2, 0, o.l2, 0]);
    }
    await step.at((epoch + 1) / o.epochs);
  }
  if (data.anchor) for (let c = 0; c < abilities.length; c++) abilities[c]! += data.anchor[c]!;
  return { abilities, head, bias: bias[0]!, sharpness, sharpnessBias: sharpnessBias[0]! };
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let c = 0; c < a.length; c++) s += a[c]! * b[c]!;
  return s;
}

/** The fitted parameters, flat: abilities (models x skills), difficulty head, its bias, sharpness head, its bias. */
export type IrtParams = [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];

/**
 * Adds sample i's gradient of the logistic loss (summed over the models run on it) to `grads`, and returns that
 * loss and how many (sample, model) pairs it covered.
 */
export function addSampleGradient(data: IrtData, params: IrtParams, grads: IrtParams, i: number): { loss: number; pairs: number } {
  const [abilities, head, bias, sharpness, sharpnessBias] = params;
  const [ga, gh, gb, gs, gsb] = grads;
  const { skills: k, models: m } = data;
  const d = head.length;
  const xi = data.x.subarray(i * d, (i + 1) * d);
  const mix = data.mix.subarray(i * k, (i + 1) * k);
  const diff = bias[0]! + dot(head, xi);
  const a = Math.exp(sharpnessBias[0]! + dot(sharpness, xi));
  let gDiff = 0,
    gLogA = 0,
    loss = 0,
    pairs = 0;
  for (let j = 0; j < m; j++) {
    if (!data.ran[i * m + j]) continue;
    const anchored = data.anchor ? skillSum(mix, data.anchor.subarray(j * k, (j + 1) * k)) : 0;
    const gap = anchored + skillSum(mix, abilities.subarray(j * k, (j + 1) * k)) - diff;
    const p = sigmoid(a * gap);
    const y = data.scores[i * m + j]!;
    loss -= y * Math.log(Math.max(p, 1e-12)) + (1 - y) * Math.log(Math.max(1 - p, 1e-12));
    const g = p - y;
    for (let s = 0; s < k; s++) ga[j * k + s]! += g * a * mix[s]!;
    gDiff -= g * a;
    gLogA += g * a * gap;
    pairs++;
  }
  for (let c = 0; c < d; c++) {
    gh[c]! += gDiff * xi[c]!;
    gs[c]! += gLogA * xi[c]!;
  }
  gb[0]! += gDiff;
  gsb[0]! += gLogA;
  return { loss, pairs };
}

/** One observed outcome of a model: the query's skill mix, difficulty and discrimination, and the score it got. */
export interface Observation {
  mix: ArrayLike<number>;
  difficulty: number;
  discrimination: number;
  score: number;
}

/**
 * The maximum a posteriori abilities of one model from a few outcomes, under a Gaussian prior centred on its
 * current abilities with standard deviation `priorSd` (Newton's method on the K-dimensional log posterior).
 */
export function updateAbility(prior: ArrayLike<number>, priorSd: number, observations: readonly Observation[]): number[] {
  const k = prior.length;
  const theta = Array.from(prior);
  const precision = 1 / (priorSd * priorSd);
  for (let it = 0; it < 25; it++) {
    const grad = theta.map((t, s) => (t - prior[s]!) * precision);
    const hess = Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => (r === c ? precision : 0)));
    for (const o of observations) {
      const a = o.discrimination;
      const p = irtProbability(o.mix, theta, o.difficulty, a);
      const w = p * (1 - p) * a * a;
      for (let r = 0; r < k; r++) {
        grad[r]! += (p - o.score) * a * o.mix[r]!;
        for (let c = 0; c < k; c++) hess[r]![c]! += w * o.mix[r]! * o.mix[c]!;
      }
    }
    const delta = solve(hess, grad);
    let size = 0;
    for (let s = 0; s < k; s++) {
      theta[s]! -= delta[s]!;
      size = Math.max(size, Math.abs(delta[s]!));
    }
    if (size < 1e-6) break;
  }
  return theta;
}

/**
 * The maximum a posteriori shift of all of one model's abilities by one amount (its level; the skill profile kept)
 * from a few outcomes, under a Gaussian prior on the shift with standard deviation `priorSd`: one number, which a
 * handful of outcomes can estimate where four per-skill numbers would follow their noise.
 */
export function shiftAbility(prior: ArrayLike<number>, priorSd: number, observations: readonly Observation[]): number[] {
  const precision = 1 / (priorSd * priorSd);
  let shift = 0;
  for (let it = 0; it < 25; it++) {
    let grad = shift * precision;
    let hess = precision;
    for (const o of observations) {
      const a = o.discrimination;
      const p = sigmoid(a * (skillSum(o.mix, prior) + shift - o.difficulty));
      grad += (p - o.score) * a;
      hess += p * (1 - p) * a * a;
    }
    shift -= grad / hess;
    if (Math.abs(grad / hess) < 1e-6) break;
  }
  return Array.from(prior, (v) => v + shift);
}
