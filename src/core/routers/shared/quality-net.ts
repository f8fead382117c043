// A router whose network predicts every model's quality at once from the query embedding
// (one sigmoid output per model, trained on the scores of the models that were run).
// logreg is the no-hidden-layer case, mlp the one-hidden-layer case.
import { z } from 'zod';
import type { RouteQuery, Scored, TrainingData } from '../router.ts';
import { RouterRuntime } from '../runtime.ts';
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

/** The network router logreg and mlp share; each declares its name and default options. */
export abstract class QualityNetRouter extends RouterRuntime<QualityNetOptions, State> {
  private out = new Float64Array(0);
  private act = new Float32Array(0);

  protected async train(data: TrainingData, step: Step): Promise<State> {
    const sm = scoreMatrix(data);
    const o = this.options;
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

  protected override score(query: RouteQuery, st: State): Scored {
    const net: DenseNet = st.net;
    if (this.out.length !== net.outputs) (this.out = new Float64Array(net.outputs)), (this.act = new Float32Array(net.hidden));
    if (query.embedding!.length !== net.inputs)
      throw new Error(`query embedding has ${query.embedding!.length} dimensions, the router ${net.inputs}`);
    denseForward(net, query.embedding!, this.out, this.act);
    const quality = Array.from(this.out, sigmoid);
    const kind = net.hidden > 0 ? `a ${net.hidden}-unit network` : 'one logistic regression per model';
    return { quality, explanation: { summary: `Each model's chance of answering well, predicted from the query embedding by ${kind}.` } };
  }

  protected override checkState(st: State, models: number): void {
    checkDenseNet(st.net, 'learned.net');
    if (st.net.outputs !== models) throw new Error(`invalid router file: the network has ${st.net.outputs} outputs for ${models} models`);
  }
}
