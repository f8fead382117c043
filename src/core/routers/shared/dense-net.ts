// A small feed-forward network (zero or one ReLU hidden layer, several outputs) trained with Adam
// on masked per-output losses: logistic (soft targets in [0,1]) or hinge (targets 0/1 as -1/+1).
// logreg and the hybrid/auto regressions are the no-hidden-layer case, mlp the one-hidden-layer
// case, svm the hinge case. Weights live in flat Float32Arrays; training allocates only up front.
import { z } from 'zod';
import { f32 } from './router-file.ts';
import { gaussian, permutation, sigmoid, softplus } from './vectors.ts';
import { mulberry32 } from '../../data/random.ts';
import type { Step } from './step.ts';
import { adamSlots, adamStep } from './adam.ts';

export const denseNetSchema = z.object({
  inputs: z.number().int().positive(),
  hidden: z.number().int().min(0),
  outputs: z.number().int().positive(),
  w1: f32,
  b1: f32,
  w2: f32,
  b2: f32,
});
export type DenseNet = z.infer<typeof denseNetSchema>;

export interface TrainSpec {
  /** n x inputs, row-major. */
  x: Float32Array;
  /** n x outputs targets. */
  y: Float32Array;
  /** n x outputs: 1 where the target counts. */
  mask: Uint8Array;
  hidden: number;
  outputs: number;
  loss: 'logistic' | 'hinge';
  epochs: number;
  learningRate: number;
  l2: number;
  batch: number;
  seed: number;
}

export async function trainDenseNet(spec: TrainSpec, step: Step): Promise<DenseNet> {
  const { x, y, hidden, outputs: o } = spec;
  const n = y.length / o;
  const d = x.length / n;
  const random = mulberry32(spec.seed);
  const h = hidden;
  const firstOut = h > 0 ? h : d;
  const net: DenseNet = {
    inputs: d,
    hidden: h,
    outputs: o,
    w1: new Float32Array(h * d),
    b1: new Float32Array(h),
    w2: new Float32Array(o * firstOut),
    b2: new Float32Array(o),
  };
  for (let i = 0; i < net.w1.length; i++) net.w1[i] = gaussian(random) * Math.sqrt(2 / d);
  if (h > 0) for (let i = 0; i < net.w2.length; i++) net.w2[i] = gaussian(random) * Math.sqrt(1 / h);
  const params = [net.w1, net.b1, net.w2, net.b2];
  const slots = adamSlots(params);
  const grads = slots.map((s) => s.g);
  let t = 0;
  for (let epoch = 0; epoch < spec.epochs; epoch++) {
    const order = permutation(n, random);
    for (let start = 0; start < n; start += spec.batch) {
      const end = Math.min(n, start + spec.batch);
      denseLossAndGradient(net, spec, order.subarray(start, end), grads);
      adamStep(params, slots, ++t, spec.learningRate, 1 / (end - start), [spec.l2, 0, spec.l2, 0]);
      await step.at((epoch + end / n) / spec.epochs);
    }
  }
  return net;
}

/**
 * The summed loss of the rows (logistic: cross-entropy with soft targets; hinge: max(0, 1 - y s) with y in
 * {-1, +1}) over their masked outputs, and its gradient added into `grads` ([w1, b1, w2, b2]) when given.
 */
export function denseLossAndGradient(
  net: DenseNet,
  data: Pick<TrainSpec, 'x' | 'y' | 'mask' | 'loss'>,
  rows: ArrayLike<number>,
  grads?: readonly Float32Array[],
): number {
  const { inputs: d, hidden: h, outputs: o, w2 } = net;
  const { x, y, mask } = data;
  const firstOut = h > 0 ? h : d;
  const act = new Float32Array(h),
    dAct = new Float64Array(h),
    out = new Float64Array(o);
  const logistic = data.loss === 'logistic';
  let loss = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const xo = i * d;
    forwardAt(net, x, xo, act, out);
    dAct.fill(0);
    for (let k = 0; k < o; k++) {
      if (!mask[i * o + k]) continue;
      const target = y[i * o + k]!;
      loss += logistic ? softplus(out[k]!) - target * out[k]! : Math.max(0, 1 - (target > 0.5 ? 1 : -1) * out[k]!);
      const g = logistic ? sigmoid(out[k]!) - target : hingeGradient(out[k]!, target);
      if (!grads || g === 0) continue;
      grads[3]![k] += g;
      const wo = k * firstOut;
      if (h > 0) {
        for (let j = 0; j < h; j++) {
          grads[2]![wo + j] += g * act[j]!;
          dAct[j] += g * w2[wo + j]!;
        }
      } else for (let j = 0; j < d; j++) grads[2]![wo + j] += g * x[xo + j]!;
    }
    if (!grads) continue;
    for (let j = 0; j < h; j++) {
      const g = dAct[j]!;
      if (act[j]! <= 0 || g === 0) continue;
      grads[1]![j] += g;
      const wo = j * d;
      for (let c = 0; c < d; c++) grads[0]![wo + c] += g * x[xo + c]!;
    }
  }
  return loss;
}

/** Hinge loss gradient for a 0/1 target read as -1/+1. */
function hingeGradient(score: number, target: number): number {
  const sign = target > 0.5 ? 1 : -1;
  return sign * score < 1 ? -sign : 0;
}

/** Output scores for the input at `x[xo .. xo + inputs)`, hidden activations into `act`. */
function forwardAt(net: DenseNet, x: Float32Array, xo: number, act: Float32Array, out: Float64Array): void {
  const { inputs: d, hidden: h, outputs: o, w1, b1, w2, b2 } = net;
  for (let j = 0; j < h; j++) {
    let s = b1[j]!;
    const wo = j * d;
    for (let c = 0; c < d; c++) s += w1[wo + c]! * x[xo + c]!;
    act[j] = s > 0 ? s : 0;
  }
  if (h > 0) {
    for (let k = 0; k < o; k++) {
      let s = b2[k]!;
      const wo = k * h;
      for (let j = 0; j < h; j++) s += w2[wo + j]! * act[j]!;
      out[k] = s;
    }
  } else {
    for (let k = 0; k < o; k++) {
      let s = b2[k]!;
      const wo = k * d;
      for (let j = 0; j < d; j++) s += w2[wo + j]! * x[xo + j]!;
      out[k] = s;
    }
  }
}

/** Raw output scores for one input, written into `out` (`act`: scratch of length hidden, may be shorter when none). */
export function denseForward(net: DenseNet, input: Float32Array, out: Float64Array, act: Float32Array): void {
  forwardAt(net, input, 0, act.length >= net.hidden ? act : new Float32Array(net.hidden), out);
}
/** Checks a loaded network's array sizes against its declared shape. */
export function checkDenseNet(net: DenseNet, field: string): void {
  const first = net.hidden > 0 ? net.hidden : net.inputs;
  const sizes: [Float32Array, number, string][] = [
    [net.w1, net.hidden * net.inputs, 'w1'],
    [net.b1, net.hidden, 'b1'],
    [net.w2, net.outputs * first, 'w2'],
    [net.b2, net.outputs, 'b2'],
  ];
  for (const [a, n, name] of sizes) {
    if (a.length !== n) throw new Error(`invalid router file: state.${field}.${name} has ${a.length} values, expected ${n}`);
  }
}
