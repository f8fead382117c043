// `hybrid-llm`: Hybrid-LLM's router for a small/large pair. A logistic regression on the query
// embedding predicts p = P(the small model is as good as the large one), trained on one of three
// labels: deterministic (small >= large), probabilistic (the share of the k nearest training queries
// where small >= large: one outcome per pair gives no sampled responses to count) or transformed
// (small >= large - t, with t chosen to balance the labels, as in the paper). The threshold on p is
// calibrated to a target share of large-model calls; at lambda 0 the large model is used when p is below it.
// The large model's estimate is that threshold, flagged as one (ModelEstimate.threshold): it predicts nothing.
import { z } from 'zod';
import { defineRouter } from './runtime.ts';
import { checkDenseNet, denseForward, denseNetSchema, trainDenseNet } from './shared/dense-net.ts';
import { ExactIndex } from './shared/exact-index.ts';
import { modelPair } from './shared/model-pair.ts';
import { sigmoid, stackRows } from './shared/vectors.ts';
import { thresholdForShare } from '../eval/calibrate.ts';
import { own } from '../data/named-record.ts';

const options = z
  .object({
    /** The small and large models; default: the cheapest and the best on the training data. */
    small: z.string().optional(),
    large: z.string().optional(),
    labels: z.enum(['deterministic', 'probabilistic', 'transformed']).default('transformed'),
    /** Target share of queries sent to the large model (sets the threshold). */
    largeShare: z.number().min(0).max(1).default(0.5),
    neighbours: z.number().int().positive().default(10),
    epochs: z.number().int().positive().default(20),
    seed: z.number().int().default(1),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z.object({ net: denseNetSchema, threshold: z.number(), gap: z.number() }).strict();
type State = z.infer<typeof state>;

export const HybridLlmRouter = defineRouter({
  name: 'hybrid-llm',
  description:
    "Hybrid-LLM small/large router: the small model's chance of being good enough, against a threshold calibrated to a large-model share",
  input: 'embedding',
  options,
  state,
  candidates: (data, o) => modelPair(data, 'hybrid-llm', o.small, o.large),
  async fit(data, o, step) {
    const [small, large] = modelPair(data, 'hybrid-llm', o.small, o.large);
    const rows = data.samples
      .map((_, i) => i)
      .filter((i) => own(data.samples[i]!.outcomes, small!) && own(data.samples[i]!.outcomes, large!));
    if (rows.length === 0) throw new Error(`hybrid-llm: no training sample has outcomes for both ${small} and ${large}`);
    const diff = rows.map((i) => own(data.samples[i]!.outcomes, small!)!.score - own(data.samples[i]!.outcomes, large!)!.score);
    const embeddings = rows.map((i) => data.embeddings[i]!);
    const { y, gap } = labels(diff, embeddings, o);
    const x = stackRows(embeddings, embeddings[0]!.length);
    const net = await trainDenseNet(
      {
        x,
        y,
        mask: new Uint8Array(y.length).fill(1),
        hidden: 0,
        outputs: 1,
        loss: 'logistic',
        epochs: o.epochs,
        learningRate: 0.01,
        l2: 1e-4,
        batch: 32,
        seed: o.seed,
      },
      step,
    );
    const p = embeddings.map((e) => probability(net, e));
    const threshold = thresholdForShare(
      p.map((v) => -v),
      o.largeShare,
    );
    return { net, threshold: -threshold, gap };
  },
  score(query, st, { options: o, models }) {
    const p = probability(st.net, query.embedding!);
    return {
      quality: [p, st.threshold],
      threshold: 1,
      explanation: {
        summary:
          `Chance the small model (${models[0]}) is good enough, against a threshold calibrated ` +
          `to send ${Math.round(o.largeShare * 100)}% of queries to ${models[1]}.`,
        features: { p_small_good_enough: Number(p.toFixed(4)), threshold: Number(st.threshold.toFixed(4)), label: o.labels },
      },
    };
  },
  check(st, models) {
    checkDenseNet(st.net, 'learned.net');
    if (models !== 2 || st.net.outputs !== 1) throw new Error('invalid router file: hybrid-llm routes between exactly two models');
  },
});

/** Training labels from the small-minus-large score differences, as `o.labels` says. */
function labels(diff: number[], embeddings: Float32Array[], o: Options): { y: Float32Array; gap: number } {
  if (o.labels === 'deterministic') return { y: Float32Array.from(diff, (d) => (d >= 0 ? 1 : 0)), gap: 0 };
  if (o.labels === 'transformed') {
    const gaps = [...new Set(diff.map((d) => -d).filter((t) => t >= 0)), 0].sort((a, b) => a - b);
    const balance = (t: number) => Math.abs(diff.filter((d) => d >= -t).length / diff.length - 0.5);
    const gap = gaps.reduce((best, t) => (balance(t) < balance(best) ? t : best), 0);
    return { y: Float32Array.from(diff, (d) => (d >= -gap ? 1 : 0)), gap };
  }
  const index = ExactIndex.build(embeddings, embeddings[0]!.length, o.neighbours + 1);
  const y = new Float32Array(diff.length);
  embeddings.forEach((e, i) => {
    index.search(e, o.neighbours + 1);
    let wins = 0;
    for (let r = 0; r < index.found; r++) if (diff[index.topIndex[r]!]! >= 0) wins++;
    y[i] = wins / index.found;
  });
  return { y, gap: 0 };
}

const output = new Float64Array(1);

/** The small model's chance of being good enough for this embedding. */
function probability(net: State['net'], embedding: Float32Array): number {
  denseForward(net, embedding, output, new Float32Array(0));
  return sigmoid(output[0]!);
}
