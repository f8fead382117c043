// GraphRouter's network (Feng et al., ICLR 2025) on a heterogeneous graph of query, task and model nodes,
// with its loss and hand-written gradient (checked by finite differences in graph-net.test.ts).
// Layer 0 aligns features into one space: a query node is u(x) = Wq x + bq; a task node is u of its task's
// centroid (the task's description, as this encoder sees it); a model node is a learned vector e_j.
// Layer 1 passes messages: a model node receives from the training queries it was run on, each message
// gated per edge feature (performance, cost, and a constant channel): m_j = relu(e_j + sum_c g_c * mean_i f_c(ij) u(x_i));
// a query node, the new one included, receives from its task nodes (soft membership a_k):
// z = relu(u(x) + Wt sum_k a_k u(c_k)). The readout predicts the query-model edge: sigmoid(sum_h v_h z_h m_jh + beta_j).
// Messages are linear in u before the nonlinearity, so a model node's aggregate is Wq X_jc + bq w_jc with
// X_jc = mean_i f_c(ij) x_i and w_jc = mean_i f_c(ij), computed once per visible edge set.
import { softplus } from './vectors.ts';

/** Edge-feature channels on query-model edges: performance, cost (scaled to the dearest model's mean), constant. */
export const CHANNELS = 3;

export interface GraphParams {
  d: number;
  h: number;
  m: number;
  wq: Float32Array; // h x d
  bq: Float32Array; // h
  wt: Float32Array; // h x h
  modelNodes: Float32Array; // m x h
  gates: Float32Array; // CHANNELS x h
  readout: Float32Array; // h
  bias: Float32Array; // m
}

/** Model nodes' neighbourhood over the visible edges: per model and channel, the feature-weighted mean input and mean feature. */
export interface Aggregates {
  x: Float64Array; // m x CHANNELS x d
  w: Float64Array; // m x CHANNELS
}

/** One query-model edge to predict: query row `query` of the inputs, its soft task centroid, model `model`, target score. */
export interface Edge {
  query: number;
  model: number;
  target: number;
}

/** Query inputs: embeddings and soft task centroids (sum_k a_k c_k), row-major n x d each. */
export interface QueryInputs {
  x: Float32Array;
  tasks: Float32Array;
}

export const paramList = (p: GraphParams): Float32Array[] => [p.wq, p.bq, p.wt, p.modelNodes, p.gates, p.readout, p.bias];

/** Aggregates from edges (query, model, feature values per channel) marked visible. */
export function aggregate(
  inputs: QueryInputs,
  d: number,
  m: number,
  edges: readonly { query: number; model: number; features: readonly number[] }[],
): Aggregates {
  const x = new Float64Array(m * CHANNELS * d),
    w = new Float64Array(m * CHANNELS),
    count = new Float64Array(m);
  for (const e of edges) {
    count[e.model]++;
    for (let c = 0; c < CHANNELS; c++) {
      const f = e.features[c]!;
      w[e.model * CHANNELS + c] += f;
      const o = (e.model * CHANNELS + c) * d,
        q = e.query * d;
      for (let k = 0; k < d; k++) x[o + k] += f * inputs.x[q + k]!;
    }
  }
  for (let j = 0; j < m; j++) {
    if (!count[j]) continue;
    for (let c = 0; c < CHANNELS; c++) w[j * CHANNELS + c] /= count[j]!;
    for (let k = 0; k < CHANNELS * d; k++) x[j * CHANNELS * d + k] /= count[j]!;
  }
  return { x, w };
}

/** Row `row` of the h x d matrix times `x` (at offset), plus an optional bias scaled by `scale`. */
function affine(
  wq: Float32Array,
  x: ArrayLike<number>,
  offset: number,
  d: number,
  h: number,
  out: Float64Array,
  bias?: Float32Array,
  scale = 1,
): void {
  for (let r = 0; r < h; r++) {
    let s = bias ? bias[r]! * scale : 0;
    for (let k = 0; k < d; k++) s += wq[r * d + k]! * x[offset + k]!;
    out[r] = s;
  }
}

export interface ModelStates {
  /** m x CHANNELS x h aggregated messages u_jc. */
  messages: Float64Array;
  pre: Float64Array; // m x h
  states: Float64Array; // m x h
}

/** Layer 1 of the model nodes. */
export function modelStates(p: GraphParams, agg: Aggregates): ModelStates {
  const { d, h, m } = p;
  const messages = new Float64Array(m * CHANNELS * h),
    pre = new Float64Array(m * h),
    states = new Float64Array(m * h);
  const u = new Float64Array(h);
  for (let j = 0; j < m; j++) {
    for (let r = 0; r < h; r++) pre[j * h + r] = p.modelNodes[j * h + r]!;
    for (let c = 0; c < CHANNELS; c++) {
      affine(p.wq, agg.x, (j * CHANNELS + c) * d, d, h, u, p.bq, agg.w[j * CHANNELS + c]!);
      messages.set(u, (j * CHANNELS + c) * h);
      for (let r = 0; r < h; r++) pre[j * h + r] += p.gates[c * h + r]! * u[r]!;
    }
    for (let r = 0; r < h; r++) states[j * h + r] = Math.max(0, pre[j * h + r]!);
  }
  return { messages, pre, states };
}

export interface QueryState {
  /** Wq c + bq: the message of the query's task nodes. */
  task: Float64Array;
  pre: Float64Array;
  z: Float64Array;
}

/** Layer 1 of a query node: its own aligned features plus its task nodes' message. */
export function queryState(p: GraphParams, inputs: QueryInputs, row: number): QueryState {
  const { d, h } = p;
  const u = new Float64Array(h),
    task = new Float64Array(h),
    pre = new Float64Array(h),
    z = new Float64Array(h);
  affine(p.wq, inputs.x, row * d, d, h, u, p.bq);
  affine(p.wq, inputs.tasks, row * d, d, h, task, p.bq);
  for (let r = 0; r < h; r++) {
    let s = u[r]!;
    for (let k = 0; k < h; k++) s += p.wt[r * h + k]! * task[k]!;
    pre[r] = s;
    z[r] = Math.max(0, s);
  }
  return { task, pre, z };
}

/** The edge logit for a query state and model `j`. */
export function edgeLogit(p: GraphParams, z: Float64Array, states: Float64Array, j: number): number {
  let s = p.bias[j]!;
  for (let r = 0; r < p.h; r++) s += p.readout[r]! * z[r]! * states[j * p.h + r]!;
  return s;
}

/**
 * Mean binary cross-entropy (soft targets) over the edges, and its gradient added into `grads`
 * (aligned with paramList) when given.
 */
export function lossAndGradient(
  p: GraphParams,
  inputs: QueryInputs,
  agg: Aggregates,
  edges: readonly Edge[],
  grads?: Float32Array[],
): number {
  const { h, m } = p;
  const ms = modelStates(p, agg);
  const dStates = new Float64Array(m * h);
  const byQuery = new Map<number, Edge[]>();
  for (const e of edges) byQuery.set(e.query, [...(byQuery.get(e.query) ?? []), e]);
  let loss = 0;
  const scale = 1 / edges.length;
  for (const [row, list] of byQuery) {
    const q = queryState(p, inputs, row);
    const dz = new Float64Array(h);
    for (const e of list) {
      const s = edgeLogit(p, q.z, ms.states, e.model);
      loss += (softplus(s) - e.target * s) * scale;
      if (!grads) continue;
      const g = (1 / (1 + Math.exp(-s)) - e.target) * scale;
      grads[6]![e.model] += g;
      for (let r = 0; r < h; r++) {
        const mj = ms.states[e.model * h + r]!;
        grads[5]![r] += g * q.z[r]! * mj;
        dz[r] += g * p.readout[r]! * mj;
        dStates[e.model * h + r] += g * p.readout[r]! * q.z[r]!;
      }
    }
    if (grads) backQuery(p, inputs, row, q, dz, grads);
  }
  if (grads) backModels(p, agg, ms, dStates, grads);
  return loss;
}

function backQuery(p: GraphParams, inputs: QueryInputs, row: number, q: QueryState, dz: Float64Array, grads: Float32Array[]): void {
  const { d, h } = p;
  const dTask = new Float64Array(h);
  for (let r = 0; r < h; r++) {
    if (q.pre[r]! <= 0) continue;
    const g = dz[r]!;
    grads[1]![r] += g;
    for (let k = 0; k < d; k++) grads[0]![r * d + k] += g * inputs.x[row * d + k]!;
    for (let k = 0; k < h; k++) {
      grads[2]![r * h + k] += g * q.task[k]!;
      dTask[k] += g * p.wt[r * h + k]!;
    }
  }
  for (let r = 0; r < h; r++) {
    const g = dTask[r]!;
    if (g === 0) continue;
    grads[1]![r] += g;
    for (let k = 0; k < d; k++) grads[0]![r * d + k] += g * inputs.tasks[row * d + k]!;
  }
}

function backModels(p: GraphParams, agg: Aggregates, ms: ModelStates, dStates: Float64Array, grads: Float32Array[]): void {
  const { d, h, m } = p;
  for (let j = 0; j < m; j++) {
    for (let r = 0; r < h; r++) {
      if (ms.pre[j * h + r]! <= 0) continue;
      const g = dStates[j * h + r]!;
      if (g === 0) continue;
      grads[3]![j * h + r] += g;
      for (let c = 0; c < CHANNELS; c++) {
        const o = (j * CHANNELS + c) * h;
        grads[4]![c * h + r] += g * ms.messages[o + r]!;
        const du = g * p.gates[c * h + r]!;
        grads[1]![r] += du * agg.w[j * CHANNELS + c]!;
        const xo = (j * CHANNELS + c) * d;
        for (let k = 0; k < d; k++) grads[0]![r * d + k] += du * agg.x[xo + k]!;
      }
    }
  }
}
