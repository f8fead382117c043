// `routerdc`: RouterDC's dual contrastive learning on a frozen encoder. The paper fine-tunes its encoder
// (mDeBERTa) with the losses; here the USE-lite embeddings stay frozen (said so in the description); a trainable
// projection W maps them into a space shared with one learned vector per model, and similarity is
// the cosine over a temperature. Two losses: sample-model (each of the top models by score against the
// worst ones) and sample-sample (a query against another of its k-means cluster, other clusters as
// negatives: the cluster loss; its gradient reaches the anchor query only). Similarities are
// Platt-calibrated per model to quality.
import { z } from 'zod';
import type { TrainingData } from './router.ts';
import { defineRouter } from './runtime.ts';
import type { Step } from './shared/step.ts';
import { adamSlots, adamStep, gradientOptions } from './shared/adam.ts';
import { kmeans } from './shared/kmeans.ts';
import { scoreMatrix, type ScoreMatrix } from './shared/outcomes.ts';
import { applyPlatt, fitPlattPerModel, plattSchema } from './shared/platt.ts';
import { f32 } from './shared/router-file.ts';
import { gaussian, normalised, permutation, stackRows } from './shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';

const options = z
  .object({
    dim: z.number().int().positive().default(64),
    temperature: z.number().positive().default(0.2),
    /** Models taken as positives (best scores) and negatives (worst) per query. */
    positives: z.number().int().positive().default(2),
    negatives: z.number().int().positive().default(3),
    clusters: z.number().int().positive().default(8),
    /** Weight of the sample-sample (cluster) loss. */
    sampleWeight: z.number().min(0).default(0.5),
    ...gradientOptions(4, 0.005),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z.object({ inputs: z.number().int().positive(), projection: f32, modelVectors: f32, platt: z.array(plattSchema) }).strict();
type State = z.infer<typeof state>;

export const RouterDcRouter = defineRouter({
  name: 'routerdc',
  description:
    "RouterDC's dual contrastive losses on the frozen USE-lite encoder: only a query " +
    'projection and the model vectors are trained (the paper fine-tunes the encoder)',
  input: 'embedding',
  options,
  state,
  fit: trainRouterDc,
  score(query, st, { models }) {
    if (query.embedding!.length !== st.inputs)
      throw new Error(`query embedding has ${query.embedding!.length} dimensions, the router ${st.inputs}`);
    const sims = new Float64Array(st.platt.length);
    similarities(st, query.embedding!, sims);
    return {
      quality: Array.from(sims, (s, j) => applyPlatt(st.platt[j]!, s)),
      explanation: {
        summary:
          'RouterDC on a frozen encoder: the query embedding, projected into a space ' +
          "learned by dual contrastive training, is compared with each model's vector.",
        features: Object.fromEntries(models.map((m, j) => [`similarity:${m}`, Number(sims[j]!.toFixed(3))])),
      },
    };
  },
  check(st, models) {
    const k = st.projection.length / st.inputs;
    if (!Number.isInteger(k) || st.modelVectors.length !== models * k || st.platt.length !== models) {
      throw new Error(`invalid router file: routerdc state sizes do not match ${models} models`);
    }
  },
});

async function trainRouterDc(data: TrainingData, o: Options, step: Step): Promise<State> {
  const sm = scoreMatrix(data);
  const { n, m } = sm;
  const d = data.embeddings[0]!.length;
  const k = o.dim;
  const random = mulberry32(o.seed);
  const st: State = {
    inputs: d,
    projection: Float32Array.from({ length: k * d }, () => gaussian(random) / Math.sqrt(d)),
    modelVectors: Float32Array.from({ length: m * k }, () => gaussian(random)),
    platt: [],
  };
  const x = stackRows(data.embeddings.map(normalised), d);
  const cluster = kmeans(x, d, o.clusters, o.seed);
  const members = Array.from({ length: Math.max(...cluster) + 1 }, () => [] as number[]);
  cluster.forEach((c, i) => members[c]!.push(i));
  const params = [st.projection, st.modelVectors];
  const slots = adamSlots(params);
  const grads = slots.map((sl) => sl.g);
  const projected = new Float64Array(n * k);
  let t = 0;
  const batch = 32;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = permutation(n, random);
    // Other samples' projections for the sample-sample loss, refreshed once per epoch.
    for (let i = 0; i < n; i++) projectUnit(st.projection, x, i, d, k, projected.subarray(i * k, (i + 1) * k));
    for (let start = 0; start < n; start += batch) {
      const end = Math.min(n, start + batch);
      for (let bi = start; bi < end; bi++) {
        const i = order[bi]!;
        const groups = { models: modelGroups(sm, i, o), samples: o.sampleWeight > 0 ? sampleGroup(cluster, members, i, random) : [] };
        contrastiveLoss(st, { x, d, k, m }, i, groups, projected, o, grads);
      }
      adamStep(params, slots, ++t, o.learningRate, 1 / (end - start));
      await step.at((epoch + end / n) / o.epochs);
    }
  }
  const raw = new Float64Array(n * m);
  for (let i = 0; i < n; i++) similarities(st, x.subarray(i * d, (i + 1) * d), raw.subarray(i * m, (i + 1) * m));
  st.platt = fitPlattPerModel(raw, sm);
  return st;
}

/** Cosine similarity of the projected query with every model vector, into `out`. */
function similarities(st: State, embedding: Float32Array, out: Float64Array): void {
  const k = st.projection.length / st.inputs;
  const m = out.length;
  const u = new Float64Array(k);
  projectUnit(st.projection, normalised(embedding), 0, st.inputs, k, u);
  const eHat = new Float64Array(m * k);
  unitRows(st.modelVectors, m, k, eHat);
  for (let j = 0; j < m; j++) out[j] = dot(u, eHat, j * k, k);
}

/** Sample-model groups of sample `i`: each of its best models (a positive) with its worst ones (negatives) that scored lower. */
function modelGroups(sm: ScoreMatrix, i: number, o: Options): number[][] {
  const m = sm.m;
  const ranked = [...Array(m).keys()].filter((j) => sm.ran[i * m + j]).sort((a, b) => sm.scores[i * m + b]! - sm.scores[i * m + a]!);
  const pos = ranked.slice(0, o.positives);
  const neg = ranked.slice(-o.negatives).filter((j) => !pos.includes(j) && sm.scores[i * m + j]! < sm.scores[i * m + pos[0]!]!);
  if (neg.length === 0) return [];
  return pos.filter((p) => sm.scores[i * m + p]! > sm.scores[i * m + neg[0]!]!).map((p) => [p, ...neg]);
}

/** The sample-sample group of sample `i`: a partner from its cluster, then up to three samples of other clusters (none
 * when clusters cannot tell). */
function sampleGroup(cluster: ArrayLike<number>, members: number[][], i: number, random: () => number): number[] {
  const mine = members[cluster[i]!]!;
  if (mine.length <= 1 || members.length <= 1) return [];
  const group = [mine[Math.floor(random() * mine.length)]!];
  for (let r = 0; r < 3; r++) {
    const j = Math.floor(random() * cluster.length);
    if (cluster[j] !== cluster[i]) group.push(j);
  }
  return group;
}

/** Softmax cross-entropy over `logits`, the first the target; the gradient per logit into `dLogits`. */
function firstWins(logits: readonly number[], dLogits: number[]): number {
  const mx = Math.max(...logits);
  const z = logits.reduce((a, v) => a + Math.exp(v - mx), 0);
  logits.forEach((v, g) => (dLogits[g] = Math.exp(v - mx) / z - (g === 0 ? 1 : 0)));
  return Math.log(z) + mx - logits[0]!;
}

/**
 * RouterDC's loss for sample `i`: per model group, cross-entropy of the positive against the negatives over
 * cos(W x_i, e_j) / temperature; plus `sampleWeight` x cross-entropy of the cluster partner against the others
 * over cos(W x_i, their projections held fixed) / temperature (its gradient reaches the anchor only).
 * Adds the gradient into `grads` ([projection, modelVectors]) when given.
 */
export function contrastiveLoss(
  st: Pick<State, 'projection' | 'modelVectors'>,
  dims: { x: Float32Array; d: number; k: number; m: number },
  i: number,
  groups: { models: number[][]; samples: number[] },
  projected: Float64Array,
  o: Pick<Options, 'temperature' | 'sampleWeight'>,
  grads?: readonly Float32Array[],
): number {
  const { x, d, k, m } = dims;
  const u = new Float64Array(k),
    du = new Float64Array(k),
    eHat = new Float64Array(m * k);
  const uNorm = projectUnit(st.projection, x, i, d, k, u);
  const eNorm = unitRows(st.modelVectors, m, k, eHat);
  let loss = 0;
  const dLogits: number[] = [];
  for (const group of groups.models) {
    const cos = group.map((j) => dot(u, eHat, j * k, k));
    loss += firstWins(
      cos.map((c) => c / o.temperature),
      dLogits,
    );
    group.forEach((j, g) => {
      const dc = dLogits[g]! / o.temperature;
      for (let c = 0; c < k; c++) {
        du[c] += dc * eHat[j * k + c]!;
        if (grads) grads[1]![j * k + c] += (dc * (u[c]! - cos[g]! * eHat[j * k + c]!)) / eNorm[j]!;
      }
    });
  }
  if (groups.samples.length > 1) {
    const vecs = groups.samples.map((j) => projected.subarray(j * k, (j + 1) * k));
    loss +=
      o.sampleWeight *
      firstWins(
        vecs.map((v) => dot(u, v, 0, k) / o.temperature),
        dLogits,
      );
    vecs.forEach((v, g) => {
      const dc = (o.sampleWeight * dLogits[g]!) / o.temperature;
      for (let c = 0; c < k; c++) du[c] += dc * v[c]!;
    });
  }
  if (!grads) return loss;
  let along = 0;
  for (let c = 0; c < k; c++) along += du[c]! * u[c]!;
  for (let c = 0; c < k; c++) {
    const g = (du[c]! - along * u[c]!) / uNorm;
    if (g === 0) continue;
    for (let e = 0; e < d; e++) grads[0]![c * d + e] += g * x[i * d + e]!;
  }
  return loss;
}

/** Writes W x_row (x row-major with row length d) normalised into `out`; returns the norm before normalising. */
function projectUnit(w: Float32Array, x: Float32Array, row: number, d: number, k: number, out: Float64Array): number {
  let norm = 0;
  for (let c = 0; c < k; c++) {
    let v = 0;
    for (let e = 0; e < d; e++) v += w[c * d + e]! * x[row * d + e]!;
    out[c] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let c = 0; c < k; c++) out[c] /= norm;
  return norm;
}

/** Unit-length copies of the rows of `v` into `out`; returns the norms. */
function unitRows(v: Float32Array, rows: number, k: number, out: Float64Array): Float64Array {
  const norms = new Float64Array(rows);
  for (let j = 0; j < rows; j++) {
    let q = 0;
    for (let c = 0; c < k; c++) q += v[j * k + c]! ** 2;
    norms[j] = Math.sqrt(q) || 1;
    for (let c = 0; c < k; c++) out[j * k + c] = v[j * k + c]! / norms[j]!;
  }
  return norms;
}

function dot(a: Float64Array, b: Float64Array, offset: number, k: number): number {
  let s = 0;
  for (let c = 0; c < k; c++) s += a[c]! * b[offset + c]!;
  return s;
}
