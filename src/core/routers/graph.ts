// `graph`: GraphRouter (Feng et al., ICLR 2025). A heterogeneous graph of query, task and model nodes:
// query-task edges (a query's task; a new query joins the tasks by similarity to their centroids, softmax
// at `temperature`) and query-model edges carrying the call's performance and cost. Training follows
// GraphRouter's edge masking (as LLMRouter's graphrouter): each epoch hides a random `maskRate` of the
// query-model edges, passes messages over the visible ones, and learns to predict the hidden edges'
// performance. Routing a new query adds its node to the graph: it receives its task nodes' message, the
// model nodes hold what they received from every training edge, and each query-model edge is predicted.
// The network and its gradient: shared/graph-net.ts.
import { z } from 'zod';
import type { TrainingData } from './router.ts';
import { defineRouter } from './runtime.ts';
import { perState } from './shared/per-state.ts';
import type { Step } from './shared/step.ts';
import { adamSlots, adamStep, gradientOptions } from './shared/adam.ts';
import { scoreMatrix } from './shared/outcomes.ts';
import { f32 } from './shared/router-file.ts';
import {
  aggregate,
  edgeLogit,
  lossAndGradient,
  modelStates,
  paramList,
  queryState,
  CHANNELS,
  type Edge,
  type GraphParams,
  type QueryInputs,
} from './shared/graph-net.ts';
import { gaussian, normalised, permutation, sigmoid, stackRows } from './shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';
import { own } from '../data/named-record.ts';

const options = z
  .object({
    hidden: z.number().int().positive().default(32),
    /** Share of query-model edges hidden (and predicted) in each training epoch. */
    maskRate: z.number().gt(0).lt(1).default(0.3),
    /** Softmax temperature of a query's membership in the task nodes (cosine to each task's centroid). */
    temperature: z.number().positive().default(0.05),
    /** Queries per gradient step. */
    batch: z.number().int().positive().default(64),
    ...gradientOptions(12, 0.005),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z
  .object({
    inputs: z.number().int().positive(),
    wq: f32,
    bq: f32,
    wt: f32,
    /** tasks x inputs: each task node's centroid (unit length). */
    taskCentroids: f32,
    tasks: z.array(z.string()),
    /** models x hidden: the model nodes after message passing over every training edge. */
    modelStates: f32,
    readout: f32,
    bias: f32,
  })
  .strict();
type State = z.infer<typeof state>;

interface GraphEdge {
  query: number;
  model: number;
  features: number[];
}

/** Per trained state: its task centroids as rows and model states in float64. */
const views = new WeakMap<State, { centroids: Float32Array[]; states: Float64Array }>();

export const GraphRouter = defineRouter({
  name: 'graph',
  description: 'GraphRouter: message passing on a graph of query, task and model nodes, edges carrying performance and cost',
  input: 'embedding',
  options,
  state,
  fit: trainGraph,
  score(query, st, { options: o }) {
    const d = st.inputs;
    const h = st.bq.length;
    const m = st.bias.length;
    if (query.embedding!.length !== d) throw new Error(`query embedding has ${query.embedding!.length} dimensions, the router ${d}`);
    const { centroids, states } = perState(views, st, () => ({
      centroids: st.tasks.map((_, k) => st.taskCentroids.subarray(k * d, (k + 1) * d)),
      states: Float64Array.from(st.modelStates),
    }));
    const membership = taskMembership(query.embedding!, centroids, o.temperature);
    const p = {
      d,
      h,
      m,
      wq: st.wq,
      bq: st.bq,
      wt: st.wt,
      readout: st.readout,
      bias: st.bias,
      modelNodes: new Float32Array(0),
      gates: new Float32Array(0),
    };
    const q = queryState(p, { x: query.embedding!, tasks: mix(centroids, membership, d) }, 0);
    const top = membership.reduce((best, a, k) => (a > membership[best]! ? k : best), 0);
    return {
      quality: Array.from({ length: m }, (_, j) => sigmoid(edgeLogit(p, q.z, states, j))),
      explanation: {
        summary:
          'GraphRouter: the query joins a graph of tasks, training queries and models; message ' +
          "passing over edges carrying each call's performance and cost predicts each query-model edge.",
        features: { task: st.tasks[top]!, task_membership: Number(membership[top]!.toFixed(3)) },
      },
    };
  },
  check(st, models) {
    const h = st.bq.length;
    const d = st.inputs;
    if (
      st.wq.length !== h * d ||
      st.wt.length !== h * h ||
      st.readout.length !== h ||
      st.bias.length !== models ||
      st.modelStates.length !== models * h ||
      st.taskCentroids.length !== st.tasks.length * d ||
      st.tasks.length === 0
    ) {
      throw new Error(`invalid router file: graph state sizes do not match ${models} models, ${h} hidden units, ${d} inputs`);
    }
  },
});

async function trainGraph(data: TrainingData, o: Options, step: Step): Promise<State> {
  const sm = scoreMatrix(data);
  const d = data.embeddings[0]!.length;
  const random = mulberry32(o.seed);
  const { names, centroids } = taskNodes(data, d);
  const x = stackRows(data.embeddings, d);
  const inputs: QueryInputs = {
    x,
    tasks: stackRows(
      data.embeddings.map((e) => softTask(e, centroids, o.temperature)),
      d,
    ),
  };
  const costScale = Math.max(...sm.meanCost) || 1;
  const edges: GraphEdge[] = [];
  data.samples.forEach((s, i) =>
    data.models.forEach((model, j) => {
      const out = own(s.outcomes, model);
      if (out) edges.push({ query: i, model: j, features: [out.score, out.cost / costScale, 1] });
    }),
  );
  const p = initialParams(d, o.hidden, sm.m, random);
  const params = paramList(p);
  const slots = adamSlots(params);
  let t = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const hidden = edges.map(() => random() < o.maskRate);
    const agg = aggregate(
      inputs,
      d,
      sm.m,
      edges.filter((_, e) => !hidden[e]),
    );
    const byQuery: Edge[][] = Array.from({ length: sm.n }, () => []);
    edges.forEach((e, k) => hidden[k] && byQuery[e.query]!.push({ query: e.query, model: e.model, target: e.features[0]! }));
    const order = permutation(sm.n, random);
    for (let start = 0; start < sm.n; start += o.batch) {
      const batch = Array.from(order.subarray(start, start + o.batch)).flatMap((i) => byQuery[i]!);
      if (batch.length === 0) continue;
      lossAndGradient(
        p,
        inputs,
        agg,
        batch,
        slots.map((s) => s.g),
      );
      adamStep(params, slots, ++t, o.learningRate, 1, [1e-4, 0, 1e-4, 1e-4, 0, 0, 0]);
      await step.at((epoch + Math.min(1, (start + o.batch) / sm.n)) / o.epochs);
    }
  }
  const all = modelStates(p, aggregate(inputs, d, sm.m, edges));
  return {
    inputs: d,
    wq: p.wq,
    bq: p.bq,
    wt: p.wt,
    taskCentroids: stackRows(centroids, d),
    tasks: names,
    modelStates: Float32Array.from(all.states),
    readout: p.readout,
    bias: p.bias,
  };
}

function initialParams(d: number, h: number, m: number, random: () => number): GraphParams {
  const init = (length: number, scale: number) => Float32Array.from({ length }, () => gaussian(random) * scale);
  return {
    d,
    h,
    m,
    wq: init(h * d, Math.sqrt(2 / d)),
    bq: new Float32Array(h),
    wt: init(h * h, Math.sqrt(1 / h)),
    modelNodes: init(m * h, 0.1),
    gates: init(CHANNELS * h, 0.5),
    readout: init(h, Math.sqrt(1 / h)),
    bias: new Float32Array(m),
  };
}

/** One task node per task name of the training samples (one for samples without a task), at its queries' centroid. */
function taskNodes(data: TrainingData, d: number): { names: string[]; centroids: Float32Array[] } {
  const sums = new Map<string, Float32Array>();
  data.samples.forEach((s, i) => {
    const key = s.task ?? '(no task)';
    const sum = sums.get(key) ?? new Float32Array(d);
    data.embeddings[i]!.forEach((v, k) => (sum[k] += v));
    sums.set(key, sum);
  });
  return { names: [...sums.keys()], centroids: [...sums.values()].map(normalised) };
}

/** Softmax over the cosine of the query to each task centroid, at `temperature`. */
function taskMembership(x: Float32Array, centroids: readonly Float32Array[], temperature: number): number[] {
  const u = normalised(x);
  const logits = centroids.map((c) => c.reduce((s, v, k) => s + v * u[k]!, 0) / temperature);
  const max = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/** The membership-weighted mix of the task centroids: what the query's task nodes send it. */
function mix(centroids: readonly Float32Array[], membership: readonly number[], d: number): Float32Array {
  const out = new Float32Array(d);
  centroids.forEach((c, k) => c.forEach((v, i) => (out[i] += membership[k]! * v)));
  return out;
}

const softTask = (x: Float32Array, centroids: readonly Float32Array[], temperature: number) =>
  mix(centroids, taskMembership(x, centroids, temperature), x.length);
