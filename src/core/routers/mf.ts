// `mf`: RouteLLM's matrix factorisation. Each model has a learned vector p; the query embedding q is
// projected by a learned W; the model's score is w . (p/|p| * W q). Trained on pairwise outcomes
// (the winner's score minus the loser's, logistic loss, Adam); then each model's score is
// Platt-calibrated to its observed quality so the shared cost rule can weigh it.
import { z } from 'zod';
import type { TrainingData } from './router.ts';
import { defineRouter } from './runtime.ts';
import type { Step } from './shared/step.ts';
import { perState } from './shared/per-state.ts';
import { battles, scoreMatrix } from './shared/outcomes.ts';
import { applyPlatt, plattSchema, fitPlattPerModel } from './shared/platt.ts';
import { f32 } from './shared/router-file.ts';
import { adamSlots, adamStep, gradientOptions } from './shared/adam.ts';
import { gaussian, permutation, sigmoid, softplus } from './shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';

const options = z
  .object({
    dim: z.number().int().positive().default(32),
    batch: z.number().int().positive().default(64),
    ...gradientOptions(3, 0.01),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z
  .object({
    inputs: z.number().int().positive(),
    /** models x dim model vectors (unnormalised). */
    modelVectors: f32,
    /** dim x inputs projection. */
    projection: f32,
    classifier: f32,
    platt: z.array(plattSchema),
  })
  .strict();
type State = z.infer<typeof state>;

/** Per trained state: scratch for the projected query and the raw scores. */
const work = new WeakMap<State, { z: Float64Array; s: Float64Array }>();

export const MfRouter = defineRouter({
  name: 'mf',
  description: 'matrix factorisation on pairwise wins (RouteLLM), N models',
  input: 'embedding',
  options,
  state,
  fit: trainMf,
  score(query, st) {
    const { z, s } = perState(work, st, () => ({ z: new Float64Array(st.classifier.length), s: new Float64Array(st.platt.length) }));
    if (query.embedding!.length !== st.inputs)
      throw new Error(`query embedding has ${query.embedding!.length} dimensions, the router ${st.inputs}`);
    rawScores(st, query.embedding!, s, z);
    return {
      quality: Array.from(s, (v, j) => applyPlatt(st.platt[j]!, v)),
      explanation: {
        summary:
          'Matrix factorisation (RouteLLM): learned model vectors against the ' +
          'projected query, trained on pairwise wins, calibrated to quality.',
      },
    };
  },
  check(st, models) {
    const k = st.classifier.length;
    if (st.modelVectors.length !== models * k || st.projection.length !== k * st.inputs || st.platt.length !== models) {
      throw new Error(`invalid router file: mf state sizes do not match ${models} models, dim ${k}, ${st.inputs} inputs`);
    }
  },
});

async function trainMf(data: TrainingData, o: Options, step: Step): Promise<State> {
  const sm = scoreMatrix(data);
  const { m, n } = sm;
  const d = data.embeddings[0]!.length;
  const k = o.dim;
  const random = mulberry32(o.seed);
  const st: State = {
    inputs: d,
    modelVectors: Float32Array.from({ length: m * k }, () => gaussian(random)),
    projection: Float32Array.from({ length: k * d }, () => gaussian(random) / Math.sqrt(d)),
    classifier: Float32Array.from({ length: k }, () => gaussian(random) / Math.sqrt(k)),
    platt: [],
  };
  const bySample: { winner: number; loser: number }[][] = Array.from({ length: n }, () => []);
  for (const b of battles(sm)) bySample[b.sample]!.push(b);
  const trainable = data.samples.map((_, i) => i).filter((i) => bySample[i]!.length > 0);
  const params = [st.modelVectors, st.projection, st.classifier];
  const adam = adamSlots(params);
  const grads = adam.map((a) => a.g);
  let t = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = permutation(trainable.length, random);
    for (let start = 0; start < order.length; start += o.batch) {
      const end = Math.min(order.length, start + o.batch);
      for (let bi = start; bi < end; bi++) {
        const i = trainable[order[bi]!]!;
        pairwiseLoss(st, data.embeddings[i]!, bySample[i]!, grads);
      }
      adamStep(params, adam, ++t, o.learningRate, 1 / (end - start));
      await step.at((epoch + end / order.length) / o.epochs);
    }
  }
  const raw = new Float64Array(n * m);
  data.embeddings.forEach((x, i) => rawScores(st, x, raw.subarray(i * m, (i + 1) * m), new Float64Array(st.classifier.length)));
  st.platt = fitPlattPerModel(raw, sm);
  return st;
}

/** Each model's raw score for embedding x, centred on the mean over models, into `out` (`z`: scratch of the factor size). */
function rawScores(st: State, x: Float32Array, out: Float64Array, z: Float64Array): void {
  const m = out.length;
  const k = st.classifier.length;
  project(st.projection, x, k, st.inputs, z);
  let mean = 0;
  for (let j = 0; j < m; j++) {
    let q = 0,
      v = 0;
    for (let c = 0; c < k; c++) q += st.modelVectors[j * k + c]! ** 2;
    const inv = 1 / (Math.sqrt(q) || 1);
    for (let c = 0; c < k; c++) v += st.classifier[c]! * st.modelVectors[j * k + c]! * inv * z[c]!;
    out[j] = v;
    mean += v / m;
  }
  for (let j = 0; j < m; j++) out[j] -= mean;
}

/**
 * RouteLLM's training loss for one query: -log sigmoid(s_winner - s_loser) summed over its battles, with
 * s_j = w . (p_j / |p_j| * W x); the gradient added into `grads` ([modelVectors, projection, classifier]) when given.
 */
export function pairwiseLoss(
  st: Pick<State, 'modelVectors' | 'projection' | 'classifier' | 'inputs'>,
  x: Float32Array,
  battles: readonly { winner: number; loser: number }[],
  grads?: readonly Float32Array[],
): number {
  const k = st.classifier.length;
  const d = st.inputs;
  const m = st.modelVectors.length / k;
  const zq = new Float64Array(k),
    dz = new Float64Array(k),
    ds = new Float64Array(m),
    norm = new Float64Array(m),
    s = new Float64Array(m);
  project(st.projection, x, k, d, zq);
  for (let j = 0; j < m; j++) {
    let q = 0,
      v = 0;
    for (let c = 0; c < k; c++) q += st.modelVectors[j * k + c]! ** 2;
    norm[j] = Math.sqrt(q) || 1;
    for (let c = 0; c < k; c++) v += st.classifier[c]! * (st.modelVectors[j * k + c]! / norm[j]!) * zq[c]!;
    s[j] = v;
  }
  let loss = 0;
  for (const b of battles) {
    const diff = s[b.winner]! - s[b.loser]!;
    loss += softplus(-diff);
    const g = sigmoid(diff) - 1;
    ds[b.winner] += g;
    ds[b.loser] -= g;
  }
  if (!grads) return loss;
  for (let j = 0; j < m; j++) {
    const g = ds[j]!;
    if (g === 0) continue;
    const o = j * k;
    let dot = 0;
    for (let c = 0; c < k; c++) dot += st.classifier[c]! * zq[c]! * st.modelVectors[o + c]!;
    dot /= norm[j]! * norm[j]!;
    for (let c = 0; c < k; c++) {
      const pHat = st.modelVectors[o + c]! / norm[j]!;
      dz[c] += g * st.classifier[c]! * pHat;
      grads[2]![c] += g * pHat * zq[c]!;
      grads[0]![o + c] += (g * (st.classifier[c]! * zq[c]! - dot * st.modelVectors[o + c]!)) / norm[j]!;
    }
  }
  for (let c = 0; c < k; c++) {
    const g = dz[c]!;
    if (g === 0) continue;
    for (let e = 0; e < d; e++) grads[1]![c * d + e] += g * x[e]!;
  }
  return loss;
}

function project(w: Float32Array, x: Float32Array, k: number, d: number, out: Float64Array): void {
  for (let c = 0; c < k; c++) {
    let v = 0;
    const o = c * d;
    for (let e = 0; e < d; e++) v += w[o + e]! * x[e]!;
    out[c] = v;
  }
}
