// `bert`: the fine-tuned transformer router. A whole encoder (USE-lite, fine-tuned by models/bert-router/train.py,
// int8 ONNX in public/models/bert-router/) reads the query and outputs, per model of its training data, the chance
// that model answers well, plus model-agnostic outputs: the query's difficulty and its task. When the served models
// are the artifact's labels, those chances are the quality estimates. Otherwise the router takes auto's
// model-agnostic path: task -> strengths needed, difficulty, and each catalog model's descriptor, through auto's
// link, here fitted on the classifier's own outputs at `fit`; the explanation says which path it took.
import { z } from 'zod';
import type { CatalogModel } from '../catalog/model.ts';
import { estimateTokens } from '../data/pricing.ts';
import type { Prediction, RouteQuery, TextClassifier, TrainingData } from './router.ts';
import { RouterRuntime } from './runtime.ts';
import {
  LONG_CONTEXT_TOKENS,
  catalogMappingFields,
  catalogScales,
  describe,
  linkFeatures,
  needDomains,
  serveCatalog,
  taskNeeds,
} from './auto.ts';
import type { Step } from './shared/step.ts';
import { checkDenseNet, denseForward, trainDenseNet } from './shared/dense-net.ts';
import { scoreMatrix } from './shared/outcomes.ts';
import { detectLanguage } from './shared/text-features.ts';
import { sigmoid } from './shared/vectors.ts';

/** The shipped artifact's folder name (the platform resolves it: public/models/ in Node, /models/ in the app). */
export const BERT_MODEL = 'bert-router';
const TASK_PREFIX = 'task:';

const options = z
  .object({
    /** The classifier's model folder (transformers.js layout with a `logits` output). */
    model: z.string().default(BERT_MODEL),
    /** The int8 model (default, shipped) or the fp32 onnx/model.onnx (rebuilt by train.py --keep-fp32, for checks). */
    quantized: z.boolean().default(true),
    /** Models to serve besides those in the data (catalog ids): they take the model-agnostic path. */
    serve: z.array(z.string()).default([]),
    epochs: z.number().int().positive().default(15),
    seed: z.number().int().default(1),
  })
  .strict();
type Options = z.infer<typeof options>;

const state = z
  .object({
    /** The classifier's outputs: its models (labels), then difficulty, then tasks (from config.json's id2label). */
    labels: z.array(z.string()),
    tasks: z.array(z.string()),
    ...catalogMappingFields,
  })
  .strict();
type State = z.infer<typeof state>;

/** What the classifier says about one query. */
interface Reading {
  logits: Float32Array;
  difficulty: number;
  /** Probability of each domain (strength), in state.domains order. */
  needs: Float64Array;
  task: string;
  long: boolean;
}

export class BertRouter extends RouterRuntime<Options, State> {
  static override readonly routerName = 'bert';
  static override readonly description =
    'fine-tuned 2-layer USE-lite encoder with a classification head (int8 ' +
    'ONNX): per-model success chances, or task and difficulty for other models';
  static override readonly retargetable = true;
  static override readonly input = 'text';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  private classifier: Promise<TextClassifier> | undefined;

  private open(): Promise<TextClassifier> {
    const open = this.context.openClassifier;
    if (!open) throw new Error('bert: this platform gave no classifier runtime (RouterContext.openClassifier)');
    this.classifier ??= open(this.options.model, { quantized: this.options.quantized });
    return this.classifier;
  }

  protected override candidates(data: TrainingData): string[] {
    return [...new Set([...data.models, ...this.options.serve])];
  }

  protected async train(data: TrainingData, step: Step): Promise<State> {
    const catalog = data.catalog ?? [];
    const { priceFit, capabilityScale } = catalogScales(catalog, 'bert');
    const classifier = await this.open();
    const { labels, tasks } = splitLabels(classifier.labels);
    const domains = needDomains(tasks.map(taskNeeds));
    const logits: Float32Array[] = [];
    const batch = 64;
    for (let i = 0; i < data.samples.length; i += batch) {
      logits.push(...(await classifier.embed(data.samples.slice(i, i + batch).map((s) => s.query))));
      await step.at((0.8 * i) / data.samples.length);
    }
    const partial = { labels, tasks, domains, capabilityScale, priceFit };
    const sm = scoreMatrix(data);
    const dataDescriptors = data.models.map((m) =>
      describe(
        catalog.find((c) => c.id === m),
        priceFit,
      ),
    );
    const rows: number[] = [];
    const y: number[] = [];
    const features = new Float32Array(4);
    data.samples.forEach((s, i) => {
      const r = read(partial, logits[i]!, s.query);
      for (let j = 0; j < sm.m; j++) {
        if (!sm.ran[i * sm.m + j]) continue;
        linkFeatures(partial, dataDescriptors[j]!, r.needs, r.difficulty, r.long, features);
        rows.push(...features);
        y.push(sm.scores[i * sm.m + j]!);
      }
    });
    const o = this.options;
    const link = await trainDenseNet(
      {
        x: Float32Array.from(rows),
        y: Float32Array.from(y),
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
      step.part(0.8, 1),
    );
    return {
      ...partial,
      link,
      descriptors: this.candidates(data).map((m) =>
        describe(
          catalog.find((c) => c.id === m),
          priceFit,
        ),
      ),
    };
  }

  override async predict(query: RouteQuery): Promise<Prediction> {
    const st = this.trained();
    const [logits] = await (await this.open()).embed([query.text]);
    if (logits!.length !== st.labels.length + 1 + st.tasks.length) {
      throw new Error(
        `bert: the model ${this.options.model} has ${logits!.length} outputs, ` +
          `the router file expects ${st.labels.length + 1 + st.tasks.length}`,
      );
    }
    const r = read(st, logits!, query.text);
    const direct = this.models.every((m) => st.labels.includes(m));
    const out = new Float64Array(1);
    const features = new Float32Array(4);
    const quality = this.models.map((m, j) => {
      if (direct) return sigmoid(r.logits[st.labels.indexOf(m)]!);
      linkFeatures(st, st.descriptors[j]!, r.needs, r.difficulty, r.long, features);
      denseForward(st.link, features, out, new Float32Array(0));
      return sigmoid(out[0]!);
    });
    const unknown = this.models.filter((m) => !st.labels.includes(m));
    return {
      estimates: this.withCosts(quality, query.text),
      explanation: {
        summary: direct
          ? 'A fine-tuned transformer read the query and estimated, for each model, the chance it answers well.'
          : `The served models include some the fine-tuned transformer was not trained on (${unknown.join(', ')}): it ` +
            "predicted the query's task and difficulty and matched them to each model's catalog capability and strengths.",
        features: {
          path: direct ? 'per-model' : 'model-agnostic',
          difficulty: Number(r.difficulty.toFixed(3)),
          task: r.task,
          long_context: r.long,
        },
      },
    };
  }

  /** Serve a different set of catalog models (the user's own): models outside the labels go the model-agnostic path. */
  override serve(models: readonly CatalogModel[]): void {
    const served = serveCatalog(this.trained(), models, 'bert');
    this.serveAs(served.models, served.costs, served.learned);
  }

  protected override checkState(st: State, models: number): void {
    checkDenseNet(st.link, 'learned.link');
    if (st.descriptors.length !== models || st.link.inputs !== 4)
      throw new Error(`invalid router file: bert state does not match ${models} models`);
  }
}

/** The classifier's labels as models, then "difficulty", then "task:NAME" entries. */
function splitLabels(all: readonly string[]): { labels: string[]; tasks: string[] } {
  const at = all.indexOf('difficulty');
  if (at < 1 || all.slice(at + 1).some((l) => !l.startsWith(TASK_PREFIX))) {
    throw new Error(
      'bert: config.json id2label must list the models, then "difficulty", ' +
        `then "${TASK_PREFIX}NAME" entries (got ${all.slice(0, 4).join(', ')}, ...)`,
    );
  }
  return { labels: all.slice(0, at), tasks: all.slice(at + 1).map((l) => l.slice(TASK_PREFIX.length)) };
}

/** Difficulty, task, and the strengths the query needs (task probabilities summed per strength) from its logits. */
function read(st: Pick<State, 'labels' | 'tasks' | 'domains'>, logits: Float32Array, text: string): Reading {
  const offset = st.labels.length + 1;
  const taskLogits = Array.from(logits.subarray(offset, offset + st.tasks.length));
  const max = Math.max(...taskLogits);
  const exp = taskLogits.map((z) => Math.exp(z - max));
  const total = exp.reduce((a, b) => a + b, 0);
  const needs = new Float64Array(st.domains.length);
  st.tasks.forEach((task, t) => {
    for (const strength of taskNeeds(task) ?? []) {
      const k = st.domains.indexOf(strength);
      if (k >= 0) needs[k]! += exp[t]! / total;
    }
  });
  const multilingual = st.domains.indexOf('multilingual');
  if (multilingual >= 0 && detectLanguage(text) !== 'en') needs[multilingual] = 1;
  return {
    logits,
    difficulty: sigmoid(logits[st.labels.length]!),
    needs,
    task: st.tasks[exp.indexOf(Math.max(...exp))] ?? '',
    long: estimateTokens(text) > LONG_CONTEXT_TOKENS,
  };
}

export function isBertRouter(router: unknown): router is BertRouter {
  return router instanceof BertRouter;
}
