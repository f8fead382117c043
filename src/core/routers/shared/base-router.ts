// What every trained router has in common (TrainedRouter): checking its training data, the shared cost
// estimator, progress and cancellation, and its versioned file; and, for routers that score each model's
// quality for a query (BaseRouter, all but the calling and rule routers), turning those scores into estimates.
import type { z } from 'zod';
import type { Explanation, FitControl, ModelEstimate, Prediction, RouteQuery, Router, RouterFile, TrainingData } from '../router.ts';
import { CostModel, costStateSchema } from './cost-model.ts';
import { ROUTER_FORMAT, ROUTER_VERSION, expectLength, pack, parseOrThrow, unpack } from './router-file.ts';

export interface Scored {
  /** Estimated quality per model, in the router's model order. */
  quality: ArrayLike<number>;
  explanation: Explanation;
  /** Index of the model whose entry in `quality` is a decision threshold, not a predicted quality. */
  threshold?: number;
}

export abstract class TrainedRouter<Options extends object, State> implements Router<Options> {
  abstract readonly needsEmbedding: boolean;
  protected models: string[] = [];
  protected costs: CostModel | undefined;
  protected learned: State | undefined;

  constructor(
    readonly name: string,
    readonly options: Options,
  ) {}

  /** Learns the state from validated data; report progress and stop on abort through `step`. */
  protected abstract train(data: TrainingData, step: Step): Promise<State> | State;
  /** The models this router estimates (default: every model of the training data). */
  protected candidates(data: TrainingData): string[] {
    return [...data.models];
  }
  /** Checks dimensions a schema cannot see (called on load); throw with the field name. */
  protected checkState(_state: State, _models: number): void {}

  async fit(data: TrainingData, control: FitControl = {}): Promise<void> {
    checkTrainingData(data, this.needsEmbedding);
    const learned = await this.train(data, new Step(control));
    this.models = this.candidates(data);
    this.costs = CostModel.fit(data, this.models);
    this.learned = learned;
    control.onProgress?.(1);
  }

  abstract predict(query: RouteQuery): Promise<Prediction>;

  /** Each model with its estimated quality (in model order) and the shared estimate of its cost for `text`;
   * the model at index `threshold` carries a threshold in place of a quality, and says so. */
  protected withCosts(quality: ArrayLike<number>, text: string, threshold?: number): ModelEstimate[] {
    return this.models.map((model, i) => ({ model, quality: quality[i]!, cost: this.costs!.estimate(i, text), ...(i === threshold ? { threshold: true as const } : {}) }));
  }

  toJSON(): RouterFile {
    const state = this.trained();
    return {
      format: ROUTER_FORMAT,
      version: ROUTER_VERSION,
      router: this.name,
      options: this.options,
      models: this.models,
      state: { costs: this.costs!.state, learned: pack(state) },
    };
  }

  /** Loads a trained state from a file whose envelope is already checked. */
  restore(file: RouterFile, schema: z.ZodType<State>): this {
    const raw = file.state as { costs?: unknown; learned?: unknown } | null;
    const costs = parseOrThrow(costStateSchema, raw?.costs, 'router file state.costs');
    for (const key of ['perInputToken', 'fixed', 'source'] as const) expectLength(costs[key], file.models.length, `costs.${key}`);
    const learned = parseOrThrow(schema, unpack(raw?.learned), 'router file state.learned');
    this.checkState(learned, file.models.length);
    this.models = [...file.models];
    this.costs = new CostModel(costs);
    this.learned = learned;
    return this;
  }

  protected trained(): State {
    if (this.learned === undefined) throw new Error(`router "${this.name}" is not trained: call fit or load a router file`);
    return this.learned;
  }
}

/** A router that scores every model's quality for one query; the estimates add the shared costs. */
export abstract class BaseRouter<Options extends object, State> extends TrainedRouter<Options, State> {
  /** Estimated quality of every model for one query. */
  protected abstract score(query: RouteQuery, state: State): Scored;

  async predict(query: RouteQuery): Promise<Prediction> {
    const state = this.trained();
    if (this.needsEmbedding && !query.embedding) throw new Error(`router "${this.name}" needs the query's embedding`);
    const { quality, explanation, threshold } = this.score(query, state);
    return { estimates: this.withCosts(quality, query.text, threshold), explanation };
  }
}

/** Progress and cancellation inside a training loop; yields to the event loop so a worker sees cancel messages. */
export class Step {
  private last = 0;
  constructor(
    readonly control: FitControl,
    private readonly from = 0,
    private readonly to = 1,
  ) {}

  /** A step for one phase of training, covering [from, to] of this one's progress. */
  part(from: number, to: number): Step {
    const span = this.to - this.from;
    return new Step(this.control, this.from + from * span, this.from + to * span);
  }

  /** This step as the FitControl of a router trained inside another (its progress maps onto this step's span). */
  asControl(): FitControl {
    const { onProgress, signal } = this.control;
    return { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress: (f: number) => onProgress(Math.min(0.999, this.from + f * (this.to - this.from))) } : {}) };
  }

  async at(fraction: number): Promise<void> {
    this.abortIfAsked();
    const now = Date.now();
    if (now - this.last < 50) return;
    this.last = now;
    this.control.onProgress?.(Math.min(0.999, this.from + fraction * (this.to - this.from)));
    await new Promise((r) => setTimeout(r, 0));
    this.abortIfAsked();
  }

  abortIfAsked(): void {
    if (this.control.signal?.aborted) throw new DOMException('training cancelled', 'AbortError');
  }
}

export function checkTrainingData(data: TrainingData, needsEmbedding: boolean): void {
  if (data.samples.length === 0) throw new Error('no training samples');
  if (data.models.length === 0) throw new Error('no candidate models in the training data');
  if (!needsEmbedding) return;
  if (data.embeddings.length !== data.samples.length) {
    throw new Error(`${data.samples.length} samples but ${data.embeddings.length} embeddings: embed every sample first`);
  }
  const dim = data.embeddings[0]!.length;
  data.embeddings.forEach((e, i) => {
    if (e.length !== dim) throw new Error(`embedding of sample ${data.samples[i]!.id} has ${e.length} dimensions, expected ${dim}`);
  });
}
