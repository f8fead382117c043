// `svm`: linear one-vs-rest SVMs on the best-model label (ties to the cheaper model, optional cost
// weight in the label), Platt-calibrated to class probabilities; a model's quality is the expected
// score under that distribution, from each class's mean score per model in training.
import { z } from 'zod';
import type { TrainingData } from './router.ts';
import { defineRouter } from './runtime.ts';
import type { Step } from './shared/step.ts';
import { perState } from './shared/per-state.ts';
import { checkDenseNet, denseForward, denseNetSchema, trainDenseNet } from './shared/dense-net.ts';
import { gradientOptions } from './shared/adam.ts';
import { bestModelLabels, scoreMatrix } from './shared/outcomes.ts';
import { applyPlatt, plattSchema, fitPlatt } from './shared/platt.ts';
import { f32 } from './shared/router-file.ts';
import { stackRows } from './shared/vectors.ts';

const options = z
  .object({
    /** Cost weight in the training label: 0 labels by quality alone. */
    labelCostWeight: z.number().min(0).default(0),
    l2: z.number().min(0).default(1e-3),
    ...gradientOptions(15, 0.01),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z
  .object({
    net: denseNetSchema,
    platt: z.array(plattSchema),
    /** classes x models: mean score of each model on the samples labelled with each class. */
    classQuality: f32,
  })
  .strict();
type State = z.infer<typeof state>;

/** Per trained state: the scratch margins. */
const margins = new WeakMap<State, Float64Array>();

export const SvmRouter = defineRouter({
  name: 'svm',
  description: 'linear one-vs-rest SVMs on the best model, probability calibrated',
  input: 'embedding',
  options,
  state,
  fit: trainSvm,
  score(query, st, { models }) {
    const m = st.platt.length;
    const out = perState(margins, st, () => new Float64Array(m));
    denseForward(st.net, query.embedding!, out, new Float32Array(0));
    const probability = Array.from(out, (s, c) => applyPlatt(st.platt[c]!, s));
    const total = probability.reduce((a, b) => a + b, 0) || 1;
    const quality = new Float64Array(m);
    probability.forEach((p, c) => {
      for (let j = 0; j < m; j++) quality[j] += (p / total) * st.classQuality[c * m + j]!;
    });
    const likeliest = probability.indexOf(Math.max(...probability));
    return {
      quality,
      explanation: {
        summary: 'Calibrated one-vs-rest SVMs give the chance each model is the best; qualities are the expected scores under it.',
        features: { likeliest_best: models[likeliest]!, probability: probability[likeliest]! / total },
      },
    };
  },
  check(st, models) {
    checkDenseNet(st.net, 'learned.net');
    if (st.net.outputs !== models || st.platt.length !== models || st.classQuality.length !== models * models) {
      throw new Error(`invalid router file: svm state does not match ${models} models`);
    }
  },
});

async function trainSvm(data: TrainingData, o: Options, step: Step): Promise<State> {
  const sm = scoreMatrix(data);
  const labels = bestModelLabels(sm, o.labelCostWeight);
  const m = sm.m;
  const y = new Float32Array(sm.n * m);
  labels.forEach((c, i) => (y[i * m + c] = 1));
  const x = stackRows(data.embeddings, data.embeddings[0]!.length);
  const net = await trainDenseNet(
    {
      x,
      y,
      mask: new Uint8Array(y.length).fill(1),
      hidden: 0,
      outputs: m,
      loss: 'hinge',
      epochs: o.epochs,
      learningRate: o.learningRate,
      l2: o.l2,
      batch: 32,
      seed: o.seed,
    },
    step,
  );
  const margins = Array.from({ length: m }, () => new Float64Array(sm.n));
  const out = new Float64Array(m);
  for (let i = 0; i < sm.n; i++) {
    denseForward(net, x.subarray(i * net.inputs, (i + 1) * net.inputs), out, new Float32Array(0));
    for (let c = 0; c < m; c++) margins[c]![i] = out[c]!;
  }
  const platt = margins.map((mc, c) =>
    fitPlatt(
      mc,
      Array.from(labels, (l) => (l === c ? 1 : 0)),
    ),
  );
  const classQuality = new Float32Array(m * m);
  const count = new Float64Array(m * m);
  const sum = new Float64Array(m * m);
  labels.forEach((c, i) => {
    for (let j = 0; j < m; j++) if (sm.ran[i * m + j]) (sum[c * m + j] += sm.scores[i * m + j]!), count[c * m + j]++;
  });
  for (let k = 0; k < m * m; k++) classQuality[k] = count[k] ? sum[k]! / count[k]! : sm.meanScore[k % m]!;
  return { net, platt, classQuality };
}
