// A router whose network predicts every model's quality at once from the query embedding
// (one sigmoid output per model, trained on the scores of the models that were run): the spec logreg
// (the no-hidden-layer case) and mlp (the one-hidden-layer case) share.
import { z } from 'zod';
import type { TrainingData } from '../router.ts';
import type { RouterSpec } from '../runtime.ts';
import { perState } from './per-state.ts';
import type { Step } from './step.ts';
import { checkDenseNet, denseForward, denseNetSchema, trainDenseNet, type DenseNet } from './dense-net.ts';
import { gradientOptions } from './adam.ts';
import { scoreMatrix } from './outcomes.ts';
import { sigmoid, stackRows } from './vectors.ts';

export const qualityNetOptions = (hidden: number, epochs: number, l2: number) =>
  z
    .object({
      hidden: z.number().int().min(0).default(hidden),
      ...gradientOptions(epochs, 0.01),
      l2: z.number().min(0).default(l2),
      batch: z.number().int().positive().default(32),
    })
    .strict();
export type QualityNetOptions = z.infer<ReturnType<typeof qualityNetOptions>>;

export const qualityNetState = z.object({ net: denseNetSchema }).strict();
type State = z.infer<typeof qualityNetState>;

/** Per trained state: scratch outputs and activations. */
const work = new WeakMap<State, { out: Float64Array; act: Float32Array }>();

/** The spec of a quality network with these options (`hidden` forced, as logreg's 0, when given). */
export function qualityNet(
  name: string,
  description: string,
  options: z.ZodType<QualityNetOptions>,
  hidden?: number,
): RouterSpec<QualityNetOptions, State> {
  return {
    name,
    description,
    input: 'embedding',
    options,
    state: qualityNetState,
    fit: (data, o, step) => trainNet(data, hidden === undefined ? o : { ...o, hidden }, step),
    score(query, st) {
      const net: DenseNet = st.net;
      const { out, act } = perState(work, st, () => ({ out: new Float64Array(net.outputs), act: new Float32Array(net.hidden) }));
      if (query.embedding!.length !== net.inputs)
        throw new Error(`query embedding has ${query.embedding!.length} dimensions, the router ${net.inputs}`);
      denseForward(net, query.embedding!, out, act);
      const quality = Array.from(out, sigmoid);
      const kind = net.hidden > 0 ? `a ${net.hidden}-unit network` : 'one logistic regression per model';
      return { quality, explanation: { summary: `Each model's chance of answering well, predicted from the query embedding by ${kind}.` } };
    },
    check(st, models) {
      checkDenseNet(st.net, 'learned.net');
      if (st.net.outputs !== models) throw new Error(`invalid router file: the network has ${st.net.outputs} outputs for ${models} models`);
    },
  };
}

async function trainNet(data: TrainingData, o: QualityNetOptions, step: Step): Promise<State> {
  const sm = scoreMatrix(data);
  const net = await trainDenseNet(
    {
      x: stackRows(data.embeddings, data.embeddings[0]!.length),
      y: sm.scores,
      mask: sm.ran,
      hidden: o.hidden,
      outputs: sm.m,
      loss: 'logistic',
      epochs: o.epochs,
      learningRate: o.learningRate,
      l2: o.l2,
      batch: o.batch,
      seed: o.seed,
    },
    step,
  );
  return { net };
}
