// The one generic runtime of offline routers: it owns what every router file shares (the versioned envelope,
// the options checked against their schema, the per-model cost model, the embedding check) so that a router
// is only its algorithm. A router is a declarative spec handed to `defineRouter` (name, input, options and
// state schemas, `fit`, `score`); routers that call out (providers, other routers) or serve other models
// extend `RouterRuntime` and override `predict` or `serve`.
import type { z } from 'zod';
import type { CatalogModel } from '../catalog/model.ts';
import type {
  FitControl,
  ModelEstimate,
  Prediction,
  RouteQuery,
  Router,
  RouterContext,
  RouterFile,
  RouterInput,
  RouterKind,
  Scored,
  TrainingData,
} from './router.ts';
import { CostModel, costStateSchema } from './shared/cost-model.ts';
import { expectLength, pack, parseOrThrow, routerFile, unpack } from './shared/router-file.ts';
import { Step } from './shared/step.ts';

/** What a spec's `score` sees of its router: the checked options and the models it estimates, in order. */
export interface SpecRouter<Options> {
  readonly options: Options;
  readonly models: readonly string[];
}

/** A router declared as data: what `defineRouter` turns into a registry entry. */
export interface RouterSpec<Options extends object, State> {
  name: string;
  description: string;
  input: RouterInput;
  options: z.ZodType<Options>;
  state: z.ZodType<State>;
  /** Reads the true outcomes (the oracle): evaluation fits it on the test set. */
  evaluationOnly?: boolean;
  /** Learns the state from validated data; report progress and stop on abort through `step`. */
  fit(data: TrainingData, options: Options, step: Step): State | Promise<State>;
  /** Estimated quality of every model (in model order) for one query, with the explanation. */
  score(query: RouteQuery, state: State, router: SpecRouter<Options>): Scored;
  /** Checks dimensions a schema cannot see (called on load); throw with the field name. */
  check?(state: State, models: number): void;
  /** The models the router estimates (default: every model of the training data). */
  candidates?(data: TrainingData, options: Options): string[];
}

/** The registry entry of a spec: a runtime class whose static fields are the spec's declaration. */
export function defineRouter<Options extends object, State>(spec: RouterSpec<Options, State>): RouterKind {
  return class extends RouterRuntime<Options, State> {
    static override readonly routerName = spec.name;
    static override readonly description = spec.description;
    static override readonly input = spec.input;
    static override readonly evaluationOnly = spec.evaluationOnly ?? false;
    static override readonly optionsSchema = spec.options;
    static override readonly stateSchema = spec.state;

    protected train(data: TrainingData, step: Step): State | Promise<State> {
      return spec.fit(data, this.options, step);
    }
    protected override score(query: RouteQuery, state: State): Scored {
      return spec.score(query, state, this);
    }
    protected override checkState(state: State, models: number): void {
      spec.check?.(state, models);
    }
    protected override candidates(data: TrainingData): string[] {
      return spec.candidates ? spec.candidates(data, this.options) : [...data.models];
    }
  };
}

/** Each option of a schema with the value it takes when left out: its default, or "optional" / "required". */
export function optionDefaults(schema: z.ZodType): Record<string, unknown> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.fromEntries(
    Object.entries(shape).map(([name, field]) => {
      const r = field.safeParse(undefined);
      return [name, !r.success ? 'required' : r.data === undefined ? 'optional' : r.data];
    }),
  );
}

type RuntimeKind = RouterKind & { readonly retargetable: boolean; readonly stateSchema: z.ZodType };

export abstract class RouterRuntime<Options extends object = object, State = unknown> implements Router {
  static readonly routerName: string = '';
  static readonly description: string = '';
  static readonly input: RouterInput = 'embedding';
  static readonly evaluationOnly: boolean = false;
  static readonly fromRouter: boolean = false;
  static readonly online: boolean = false;
  /** Its routers can serve catalog models they were not trained on (they implement `serve`). */
  static readonly retargetable: boolean = false;
  static readonly optionsSchema: z.ZodType;
  static readonly stateSchema: z.ZodType;

  /** Estimates from the text alone when a query comes without its embedding (a coarser tier its explanation names). */
  readonly textTier: boolean = false;
  models: readonly string[] = [];
  protected costs: CostModel | undefined;
  protected learned: State | undefined;

  constructor(
    readonly options: Options,
    protected readonly context: RouterContext = {},
  ) {}

  /** A router of this kind from raw options, checked against its schema (defaults filled in). */
  static create<R extends Router>(this: RouterKind<R>, options: Record<string, unknown> = {}, context: RouterContext = {}): R {
    const Kind = this as unknown as new (options: never, context: RouterContext) => R;
    return new Kind(parseOrThrow(this.optionsSchema, options, `${this.routerName} options`) as never, context);
  }

  /** A trained router of this kind from its file (envelope already checked). */
  static load<R extends Router>(this: RouterKind<R>, file: RouterFile, context: RouterContext = {}): R {
    const router = this.create(file.options as Record<string, unknown>, context) as R & RouterRuntime;
    router.restore(file, (this as unknown as RuntimeKind).stateSchema);
    return router;
  }

  static optionDefaults(this: RouterKind): Record<string, unknown> {
    return optionDefaults(this.optionsSchema);
  }

  private get kind(): RuntimeKind {
    return this.constructor as unknown as RuntimeKind;
  }

  get name(): string {
    return this.kind.routerName;
  }

  get input(): RouterInput {
    return this.kind.input;
  }

  get retargetable(): boolean {
    return this.kind.retargetable;
  }

  serve(_models: readonly CatalogModel[]): void {
    throw new Error(`router "${this.name}" serves only the models it was trained on`);
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
    checkTrainingData(data, this.input === 'embedding');
    const learned = await this.train(data, new Step(control));
    this.models = this.candidates(data);
    this.costs = CostModel.fit(data, this.models);
    this.learned = learned;
    control.onProgress?.(1);
  }

  async predict(query: RouteQuery): Promise<Prediction> {
    const state = this.trained();
    if (this.input === 'embedding' && !query.embedding && !this.textTier)
      throw new Error(`router "${this.name}" needs the query's embedding`);
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
    return routerFile(this.name, this.options, this.models, { costs: this.costs!.state, learned: pack(state) });
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
