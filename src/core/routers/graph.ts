// `graph`: GraphRouter's idea on a query-model bipartite graph. Query nodes carry their embedding,
// model nodes a learned vector; edges carry the observed score. One round of message passing: each
// query node is encoded, h_q = relu(Wq x + bq); each model node aggregates the states of the training
// queries it answered, weighted by score, h_m = relu(Wa mean_q(s_qm h_q) + e_m); an edge's quality is
// sigmoid(sum_c w_c h_q,c h_m,c + b_m). The aggregated messages are recomputed every epoch and held fixed
// within it (no gradient through the aggregation); a new query is a new node joined to every model.
import { z } from 'zod';
import type { RouteQuery, TrainingData } from './router.ts';
import { BaseRouter, type Scored, type Step } from './shared/base-router.ts';
import { adamSlots, adamStep, gradientOptions } from './shared/adam.ts';
import { defineRouter } from './shared/define-router.ts';
import { scoreMatrix, type ScoreMatrix } from './shared/outcomes.ts';
import { f32 } from './shared/router-file.ts';
import { gaussian, permutation, sigmoid, stackRows } from './shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';

const options = z
  .object({
    hidden: z.number().int().positive().default(32),
    ...gradientOptions(5, 0.005),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z
  .object({
    inputs: z.number().int().positive(),
    wq: f32,
    bq: f32,
    wa: f32,
    modelVectors: f32,
    edge: f32,
    modelBias: f32,
    /** models x hidden: each model node's aggregated message from the training graph. */
    messages: f32,
  })
  .strict();
type State = z.infer<typeof state>;

class GraphRouter extends BaseRouter<Options, State> {
  readonly needsEmbedding = true;

  protected async train(data: TrainingData, step: Step): Promise<State> {
    const o = this.options;
    const sm = scoreMatrix(data);
    const { n, m } = sm;
    const d = data.embeddings[0]!.length;
    const h = o.hidden;
    const random = mulberry32(o.seed);
    const init = (length: number, scale: number) => Float32Array.from({ length }, () => gaussian(random) * scale);
    const st: State = {
      inputs: d,
      wq: init(h * d, Math.sqrt(2 / d)),
      bq: new Float32Array(h),
      wa: init(h * h, Math.sqrt(1 / h)),
      modelVectors: init(m * h, 0.1),
      edge: init(h, Math.sqrt(1 / h)),
      modelBias: new Float32Array(m),
      messages: new Float32Array(m * h),
    };
    const x = stackRows(data.embeddings, d);
    const params = [st.wq, st.bq, st.wa, st.modelVectors, st.edge, st.modelBias];
    const slots = adamSlots(params);
    const hq = new Float64Array(h), dhq = new Float64Array(h);
    const hm = new Float64Array(m * h), pre = new Float64Array(m * h);
    let t = 0;
    const batch = 32;
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      aggregate(st, x, sm, d, h);
      const order = permutation(n, random);
      for (let start = 0; start < n; start += batch) {
        const end = Math.min(n, start + batch);
        modelStates(st, m, h, hm, pre);
        for (let bi = start; bi < end; bi++) {
          const i = order[bi]!;
          encodeQuery(st, x, i * d, d, h, hq);
          dhq.fill(0);
          for (let j = 0; j < m; j++) {
            if (!sm.ran[i * m + j]) continue;
            let s = st.modelBias[j]!;
            for (let c = 0; c < h; c++) s += st.edge[c]! * hq[c]! * hm[j * h + c]!;
            const g = sigmoid(s) - sm.scores[i * m + j]!;
            slots[5]!.g[j] += g;
            for (let c = 0; c < h; c++) {
              slots[4]!.g[c] += g * hq[c]! * hm[j * h + c]!;
              dhq[c] += g * st.edge[c]! * hm[j * h + c]!;
              if (pre[j * h + c]! <= 0) continue;
              const dpre = g * st.edge[c]! * hq[c]!;
              slots[3]!.g[j * h + c] += dpre;
              for (let e = 0; e < h; e++) slots[2]!.g[c * h + e] += dpre * st.messages[j * h + e]!;
            }
          }
          for (let c = 0; c < h; c++) {
            if (hq[c]! <= 0 || dhq[c] === 0) continue;
            const g = dhq[c]!;
            slots[1]!.g[c] += g;
            for (let e = 0; e < d; e++) slots[0]!.g[c * d + e] += g * x[i * d + e]!;
          }
        }
        adamStep(params, slots, ++t, o.learningRate, 1 / (end - start), [1e-4, 0, 1e-4, 1e-4, 0, 0]);
        await step.at((epoch + end / n) / o.epochs);
      }
    }
    aggregate(st, x, sm, d, h);
    return st;
  }

  protected score(query: RouteQuery, st: State): Scored {
    const m = st.modelBias.length;
    const h = st.edge.length;
    if (query.embedding!.length !== st.inputs) throw new Error(`query embedding has ${query.embedding!.length} dimensions, the router ${st.inputs}`);
    const hq = new Float64Array(h), hm = new Float64Array(m * h);
    encodeQuery(st, query.embedding!, 0, st.inputs, h, hq);
    modelStates(st, m, h, hm, new Float64Array(m * h));
    const quality = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      let s = st.modelBias[j]!;
      for (let c = 0; c < h; c++) s += st.edge[c]! * hq[c]! * hm[j * h + c]!;
      quality[j] = sigmoid(s);
    }
    return {
      quality,
      explanation: { summary: 'GraphRouter: the query joins a graph of training queries and models; each query-model edge\'s quality is predicted by message passing.' },
    };
  }

  protected override checkState(st: State, models: number): void {
    const h = st.edge.length;
    if (st.wq.length !== h * st.inputs || st.bq.length !== h || st.wa.length !== h * h || st.modelVectors.length !== models * h || st.modelBias.length !== models || st.messages.length !== models * h) {
      throw new Error(`invalid router file: graph state sizes do not match ${models} models and ${h} hidden units`);
    }
  }
}

function encodeQuery(st: State, x: Float32Array, offset: number, d: number, h: number, out: Float64Array): void {
  for (let c = 0; c < h; c++) {
    let v = st.bq[c]!;
    for (let e = 0; e < d; e++) v += st.wq[c * d + e]! * x[offset + e]!;
    out[c] = v > 0 ? v : 0;
  }
}

/** Model node states from their aggregated messages: relu(Wa msg + e_m); pre-activations in `pre`. */
function modelStates(st: State, m: number, h: number, out: Float64Array, pre: Float64Array): void {
  for (let j = 0; j < m; j++) {
    for (let c = 0; c < h; c++) {
      let v = st.modelVectors[j * h + c]!;
      for (let e = 0; e < h; e++) v += st.wa[c * h + e]! * st.messages[j * h + e]!;
      pre[j * h + c] = v;
      out[j * h + c] = v > 0 ? v : 0;
    }
  }
}

/** Each model node's message: the score-weighted mean of the states of the training queries it was run on. */
function aggregate(st: State, x: Float32Array, sm: ScoreMatrix, d: number, h: number): void {
  const { n, m } = sm;
  const sum = new Float64Array(m * h), weight = new Float64Array(m), hq = new Float64Array(h);
  for (let i = 0; i < n; i++) {
    encodeQuery(st, x, i * d, d, h, hq);
    for (let j = 0; j < m; j++) {
      const w = sm.ran[i * m + j] ? sm.scores[i * m + j]! : 0;
      if (w === 0) continue;
      weight[j] += w;
      for (let c = 0; c < h; c++) sum[j * h + c] += w * hq[c]!;
    }
  }
  for (let j = 0; j < m; j++) for (let c = 0; c < h; c++) st.messages[j * h + c] = weight[j] ? sum[j * h + c]! / weight[j]! : 0;
}

export const graphRouter = defineRouter({
  name: 'graph',
  description: 'GraphRouter-style message passing on the query-model graph, predicting edge quality',
  input: 'embedding',
  options,
  state,
  build: (name, o) => new GraphRouter(name, o),
});
