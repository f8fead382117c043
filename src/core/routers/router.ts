// The one router contract (DESIGN.md, "Routers"), in the spirit of RouteLLM's Router base class and
// scikit-learn's estimators: a router is a class extending `Router`; it declares its name, description,
// input and option and state schemas as static fields; it is built from a checked options object
// (`create`, defaults visible through `optionDefaults`), trained by `fit`, answers `predict` with per-model
// estimates and an explanation, and serialises to versioned JSON (`toJSON`, `load`). The registry
// (registry.ts) maps names to these classes. Routers that score each model for one query implement `score`;
// routers that call out (providers, other routers) override `predict`.
import type { z } from 'zod';
import type { EncoderRecord } from '../embed/encoder-record.ts';
import type { RoutingSample } from '../data/sample.ts';
import type { CatalogModel } from '../catalog/model.ts';
import type { Complete } from './complete.ts';
import { CostModel, costStateSchema } from './shared/cost-model.ts';
import { ROUTER_FORMAT, ROUTER_VERSION, expectLength, pack, parseOrThrow, unpack } from './shared/router-file.ts';
import { Step } from './shared/step.ts';

/** A query as a router sees it: the text (with earlier turns for follow-ups) and, for embedding routers, its vector. */
export interface RouteQuery {
  text: string;
  /** Earlier user turns of the conversation, oldest first, for context-aware routing. */
  context?: string[];
  embedding?: Float32Array;
}

/** What a router expects of one model for one query. `cost` is USD for the call. */
export interface ModelEstimate {
  model: string;
  quality: number;
  cost: number;
  /** Set when `quality` is no prediction but the threshold the other model's score is held against
   * (hybrid-llm, automix: the large model is taken when the small one's score falls below it). */
  threshold?: true;
}

/** Why a router estimated what it did: shown to the user beside every decision. */
export interface Explanation {
  /** One sentence on how the estimates were made. */
  summary: string;
  /** Nearest training queries, for neighbour-based routers. */
  neighbours?: { id: string; query: string; similarity: number }[];
  /** Named inputs the router used (difficulty, domain, rule matched, ...). */
  features?: Record<string, number | string | boolean>;
}

export interface Prediction {
  estimates: ModelEstimate[];
  explanation: Explanation;
}

/** Training data: samples and, aligned with them, their embeddings (empty for text-only routers). */
export interface TrainingData {
  samples: readonly RoutingSample[];
  embeddings: readonly Float32Array[];
  /** The candidate models, in a fixed order; a model absent from a sample's outcomes was not run there. */
  models: readonly string[];
  /** Catalog entries (prices, descriptors) for the models, where known: costs and model-agnostic routers use them. */
  catalog?: readonly CatalogModel[];
}

export interface FitControl {
  /** Called with a fraction in [0,1] as training advances. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** The versioned JSON a trained router serialises to. */
export interface RouterFile<State = unknown, Options = unknown> {
  format: 'llmrouter-web/router';
  version: 1;
  router: string;
  options: Options;
  models: string[];
  state: State;
  /** The encoder whose vectors the router was trained on (router-encoder.ts); absent in files from before records. */
  encoder?: EncoderRecord;
}

/** What a router reads: a query embedding, only the text, or calls to a provider. */
export type RouterInput = 'embedding' | 'text' | 'provider';

/** A text classifier run by the platform's encoder runtime: raw logits per text, named by `labels`. */
export interface TextClassifier {
  readonly labels: readonly string[];
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** What a router may need at run time besides its options: the provider layer, for routers that call models;
 * the encoder runtime over a classifier's model folder, for the bert router. */
export interface RouterContext {
  complete?: Complete;
  openClassifier?: (model: string, options: { quantized: boolean }) => Promise<TextClassifier>;
}

/** A router's estimated quality of every model for one query (in its model order), with the explanation. */
export interface Scored {
  quality: ArrayLike<number>;
  explanation: Explanation;
  /** Index of the model whose entry in `quality` is a decision threshold, not a predicted quality. */
  threshold?: number;
}

/** A router class as the registry holds it: its static description and schemas, and how to build or load one. */
export interface RouterClass<R extends Router = Router> {
  new (options: never, context: RouterContext): R;
  readonly routerName: string;
  readonly description: string;
  readonly input: RouterInput;
  /** True for routers that read the true outcomes (the oracle): evaluation fits them on the test set. */
  readonly evaluationOnly: boolean;
  /** Made from a trained router (local learning's feedback layer), not trained on a dataset: offline evaluation skips it. */
  readonly fromRouter: boolean;
  /** Learns from each routed call's outcome as it comes (bandit feedback): evaluated by `llmrouter simulate`. */
  readonly online: boolean;
  readonly optionsSchema: z.ZodType;
  readonly stateSchema: z.ZodType;
  create(options?: Record<string, unknown>, context?: RouterContext): R;
  load(file: RouterFile, context?: RouterContext): R;
  optionDefaults(): Record<string, unknown>;
}

export abstract class Router<Options extends object = object, State = unknown> {
  /** The name the router answers to (the registry may list it under aliases too). */
  static readonly routerName: string = '';
  /** One line for `llmrouter list-routers` and the app's pickers. */
  static readonly description: string = '';
  static readonly input: RouterInput = 'embedding';
  static readonly evaluationOnly: boolean = false;
  static readonly fromRouter: boolean = false;
  static readonly online: boolean = false;
  static readonly optionsSchema: z.ZodType;
  static readonly stateSchema: z.ZodType;

  /** Whether `predict` needs `RouteQuery.embedding`. */
  abstract readonly needsEmbedding: boolean;
  /** Estimates from the text alone when a query comes without its embedding (a coarser tier its explanation names). */
  readonly textTier: boolean = false;
  protected models: string[] = [];
  protected costs: CostModel | undefined;
  protected learned: State | undefined;

  constructor(
    readonly options: Options,
    protected readonly context: RouterContext = {},
  ) {}

  /** A router of this class from raw options, checked against its schema (defaults filled in). */
  static create<R extends Router>(this: RouterClass<R>, options: Record<string, unknown> = {}, context: RouterContext = {}): R {
    return new this(parseOrThrow(this.optionsSchema, options, `${this.routerName} options`) as never, context);
  }

  /** A trained router of this class from its file (envelope already checked). */
  static load<R extends Router>(this: RouterClass<R>, file: RouterFile, context: RouterContext = {}): R {
    const router = this.create(file.options as Record<string, unknown>, context);
    router.restore(file, this.stateSchema);
    return router;
  }

  /** Each option with the value it takes when left out: its default, or "optional" / "required". */
  static optionDefaults(this: RouterClass): Record<string, unknown> {
    const shape = (this.optionsSchema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
    return Object.fromEntries(
      Object.entries(shape).map(([name, field]) => {
        const r = field.safeParse(undefined);
        return [name, !r.success ? 'required' : r.data === undefined ? 'optional' : r.data];
      }),
    );
  }

  get name(): string {
    return (this.constructor as RouterClass).routerName;
  }

  /** Learns the state from validated data; report progress and stop on abort through `step`. */
  protected abstract train(data: TrainingData, step: Step): Promise<State> | State;
  /** The models this router estimates (default: every model of the training data). */
  protected candidates(data: TrainingData): string[] {
    return [...data.models];
  }
  /** Checks dimensions a schema cannot see (called on load); throw with the field name. */
  protected checkState(_state: State, _models: number): void {}
  /** Estimated quality of every model for one query: routers that do not override `predict` implement it. */
  protected score(_query: RouteQuery, _state: State): Scored {
    throw new Error(`router "${this.name}" implements neither score nor predict`);
  }

  async fit(data: TrainingData, control: FitControl = {}): Promise<void> {
    checkTrainingData(data, this.needsEmbedding);
    const learned = await this.train(data, new Step(control));
    this.models = this.candidates(data);
    this.costs = CostModel.fit(data, this.models);
    this.learned = learned;
    control.onProgress?.(1);
  }

  async predict(query: RouteQuery): Promise<Prediction> {
    const state = this.trained();
    if (this.needsEmbedding && !query.embedding && !this.textTier) throw new Error(`router "${this.name}" needs the query's embedding`);
    const { quality, explanation, threshold } = this.score(query, state);
    return { estimates: this.withCosts(quality, query.text, threshold), explanation };
  }

  /** Each model with its estimated quality (in model order) and the shared estimate of its cost for `text`;
   * the model at index `threshold` carries a threshold in place of a quality, and says so. */
  protected withCosts(quality: ArrayLike<number>, text: string, threshold?: number): ModelEstimate[] {
    return this.models.map((model, i) => ({
      model,
      quality: quality[i]!,
      cost: this.costs!.estimate(i, text),
      ...(i === threshold ? { threshold: true as const } : {}),
    }));
  }

  /** Replaces what the router serves: its models, their costs and the learned state (model-agnostic routers serving other models). */
  protected serveAs(models: string[], costs: CostModel, learned: State): void {
    this.models = models;
    this.costs = costs;
    this.learned = learned;
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
    this.serveAs([...file.models], new CostModel(costs), learned);
    return this;
  }

  protected trained(): State {
    if (this.learned === undefined) throw new Error(`router "${this.name}" is not trained: call fit or load a router file`);
    return this.learned;
  }
}

/** Throws, saying what is wrong, unless the data has samples, models and (when needed) one embedding per sample of one size. */
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
