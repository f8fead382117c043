// Online routers: learn from bandit feedback (only the chosen model's outcome is seen), one event at a time, on
// the query embedding. Each model is an arm of a linear bandit (linear-arm.ts) over projected features
// (features.ts) that learns the residual of the reward against an offset: when started cold, each model's prior
// (the mean of its catalog benchmark figures, catalog-prior.ts, or a constant), or the estimate of an offline
// router it was warm-started from (kept whole in the file). Routing goes through the
// shared decision rule under the user's cost knob and budget twice, greedy (the means) and exploring, and the
// exploration ceiling (exploration.ts) picks which to act on. Strategies: LinUCB (mean + alpha x width), linear
// Thompson sampling (a draw from each arm's Gaussian posterior of the reward at this query), and epsilon-greedy
// (a uniformly random affordable, plausible model with probability epsilon, decaying with the calls routed). The arms are
// pooled (pooled-arms.ts): a shared arm learns what all models have in common at a query, and the greedy choice
// leaves the model best on average only for one estimated better by a margin.
import { z } from 'zod';
import type { CatalogModel } from '../catalog/model.ts';
import { mulberry32Step } from '../data/random.ts';
import { decide, type Decision, type Policy } from '../routers/decide.ts';
import {
  registryOf,
  type FitControl,
  type ModelEstimate,
  type Prediction,
  type RouteQuery,
  type Router,
  type RouterContext,
  type RouterFile,
  type RouterKind,
  type TrainingData,
} from '../routers/router.ts';
import { checkTrainingData, optionDefaults } from '../routers/runtime.ts';
import { CostModel, costStateSchema } from '../routers/shared/cost-model.ts';
import { fileState, pack, parseOrThrow, routerFile } from '../routers/shared/router-file.ts';
import { gaussian } from '../routers/shared/vectors.ts';
import { FeatureMap } from './features.ts';
import { LEADER_MARGIN, PooledArms, poolSchema } from './pooled-arms.ts';
import { decayedEpsilon, plausible, PLAUSIBLE_WIDTHS, withinCeiling, type ExplorationCounts } from './exploration.ts';
import { catalogPriors } from './catalog-prior.ts';

export type Strategy = 'linucb' | 'lin-ts' | 'epsilon-greedy';

const common = {
  /** Projected embedding size (0: the whole embedding). */
  dim: z.number().int().min(0).max(1024).default(128),
  seed: z.number().int().default(1),
  /** Ridge penalty: how many observations' worth of pull toward the offset each arm starts with. */
  ridge: z.number().positive().default(1),
  /** The reward a cold arm expects before any outcome (with `priors: 'catalog'`, for models without benchmark figures). */
  prior: z.number().min(0).max(1).default(0.5),
  /** Cold start: each model's prior from its catalog benchmark figures, or the constant `prior` for all. */
  priors: z.enum(['catalog', 'constant']).default('catalog'),
  /** Cold: how much better another model must be estimated at a query for the greedy choice to leave the leader
   * (pooled-arms.ts; absent: LEADER_MARGIN, so that files saved before the option save back unchanged). */
  leaderMargin: z.number().min(0).max(1).optional(),
  /** The largest share of calls that may act otherwise than the greedy choice. */
  maxExploreShare: z.number().min(0).max(1).default(0.2),
  /** An offline router trained by `fit` on the same data and used as the offset (a warm start); none: cold. */
  base: z.string().optional(),
  baseOptions: z.record(z.string(), z.unknown()).default({}),
};

const strategyOptions = {
  linucb: { alpha: z.number().min(0).default(0.05) },
  'lin-ts': { v: z.number().min(0).default(0.05) },
  'epsilon-greedy': {
    epsilon: z.number().min(0).max(1).default(0.05),
    /** The calls after which epsilon has halved (absent: EPSILON_HALF_CALLS; optional so older files save back unchanged). */
    epsilonHalfCalls: z.number().positive().optional(),
    /** Explore only models whose estimate plus this many widths reaches the greedy choice's (absent: PLAUSIBLE_WIDTHS). */
    plausibleWidths: z.number().min(0).optional(),
  },
} as const;

const optionsSchema = z.object({
  ...common,
  alpha: z.number().optional(),
  v: z.number().optional(),
  epsilon: z.number().optional(),
  epsilonHalfCalls: z.number().optional(),
  plausibleWidths: z.number().optional(),
});
type Options = z.infer<typeof optionsSchema>;

const stateSchema = z
  .object({
    base: z.custom<RouterFile>((v) => typeof v === 'object' && v !== null, { message: 'expected the base router file' }).optional(),
    costs: costStateSchema.optional(),
    /** Cold start: each model's prior reward (absent: the constant prior). */
    priors: z.array(z.number().min(0).max(1)).optional(),
    /** The embedding size, once a query was seen (0 before). */
    inputDim: z.number().int().min(0),
    ...poolSchema.shape,
    calls: z.number().int().min(0),
    explored: z.number().int().min(0),
    rng: z.number().int().min(0),
  })
  .strict();

/** What an online router did with one query: the estimates, the decision acted on, and whether it explored. */
export interface OnlineChoice {
  prediction: Prediction;
  decision: Decision;
  explored: boolean;
}

export interface OnlineRouter extends Router {
  /** Starts cold on these models, with their per-call costs (and catalog entries, for the models' priors). */
  begin(models: readonly string[], costs: CostModel, catalog?: readonly CatalogModel[]): this;
  /** Starts warm from a trained offline router (its file, and the router loaded from it). */
  over(file: RouterFile, router: Router): this;
  /** Routes one call under the policy, exploring within the ceiling. */
  choose(query: RouteQuery, policy: Policy): Promise<OnlineChoice>;
  /** Learns one outcome of `model` on `query`; `previous`: the reward already learned for this answer, now revised. */
  update(query: RouteQuery, model: string, reward: number, previous?: number): Promise<void>;
}

export function isOnlineRouter(router: unknown): router is OnlineRouter {
  return router instanceof OnlineLinearRouter;
}

/** An online router of one strategy: started (cold or warm), then learning call by call; it builds and loads its
 * warm-start base router through the registry it was given. */
export class OnlineLinearRouter implements OnlineRouter {
  readonly input = 'embedding';
  readonly textTier = false;
  /** Known arms are kept and new models start cold (`serve`). */
  readonly retargetable = true;
  private models: string[] = [];
  private costs: CostModel | undefined;
  private base: { file: RouterFile; router: Router } | undefined;
  private features: FeatureMap | undefined;
  private pool: PooledArms | undefined;
  private counts: ExplorationCounts = { calls: 0, explored: 0 };
  private rng = 0;
  private priors: number[] | undefined;

  constructor(
    private readonly strategy: Strategy,
    readonly options: Options,
    private readonly context: RouterContext = {},
  ) {
    this.rng = options.seed >>> 0;
  }

  get name(): Strategy {
    return this.strategy;
  }

  /** Starts cold on these models, with their per-call costs (and catalog entries, for the models' priors). */
  begin(models: readonly string[], costs: CostModel, catalog: readonly CatalogModel[] = []): this {
    this.models = [...models];
    this.costs = costs;
    this.priors = this.options.priors === 'catalog' ? catalogPriors(models, catalog, this.options.prior) : undefined;
    this.base = undefined;
    this.features = undefined;
    this.pool = undefined;
    return this;
  }

  /** Starts warm from a trained offline router: its estimates are the offset the arms correct. */
  over(file: RouterFile, router: Router): this {
    this.base = { file, router };
    this.models = [...router.toJSON().models];
    this.costs = undefined;
    this.features = undefined;
    this.pool = undefined;
    return this;
  }

  /** Starts from a dataset: warm from `options.base` trained on it, or cold with every outcome learned (full information). */
  async fit(data: TrainingData, control: FitControl = {}): Promise<void> {
    checkTrainingData(data, true);
    if (this.options.base) {
      const base = registryOf(this.context, this.name).create(this.options.base, this.options.baseOptions, this.context);
      await base.fit(data);
      this.over(base.toJSON(), base);
    } else {
      this.begin(data.models, CostModel.fit(data), data.catalog);
      for (const [i, s] of data.samples.entries()) {
        for (const [model, o] of Object.entries(s.outcomes))
          await this.update({ text: s.query, embedding: data.embeddings[i] }, model, o.score);
      }
    }
    control.onProgress?.(1);
  }

  async predict(query: RouteQuery): Promise<Prediction> {
    const { estimates, x } = await this.means(query);
    const observed = this.pool?.arms.reduce((s, a) => s + a.state.n, 0) ?? 0;
    const start = this.base ? `${this.base.router.name}'s estimate` : this.priors ? 'catalog priors' : `a prior of ${this.options.prior}`;
    return {
      estimates,
      explanation: {
        summary:
          `${this.label()}: ${start} corrected by a linear model of the query learned from ` +
          `${observed} outcome${observed === 1 ? '' : 's'} of the chosen models.`,
        features: { observed, exploratory_calls: this.counts.explored, calls: this.counts.calls, ...this.widths(x) },
      },
    };
  }

  async choose(query: RouteQuery, policy: Policy): Promise<OnlineChoice> {
    const prediction = await this.predict(query);
    const x = this.featuresOf(query);
    // Warm, the offset is already a per-query router's choice: no leader overrules it.
    const margin = this.base ? 0 : (this.options.leaderMargin ?? LEADER_MARGIN);
    const estimates = this.pool!.favourLeader(prediction.estimates, this.coldPriors(), margin);
    const greedy = decide(estimates, policy);
    const exploring = this.strategy === 'epsilon-greedy' ? this.epsilonDecision(greedy, x) : decide(this.optimistic(estimates, x), policy);
    const { decision, explored } = withinCeiling(greedy, exploring, this.counts, this.options.maxExploreShare);
    const features = { ...prediction.explanation.features, explored };
    return { prediction: { ...prediction, explanation: { ...prediction.explanation, features } }, decision, explored };
  }

  async update(query: RouteQuery, model: string, reward: number, previous?: number): Promise<void> {
    const j = this.models.indexOf(model);
    if (j < 0) return;
    const x = this.featuresOf(query);
    if (previous !== undefined) return this.pool!.revise(j, x, reward - previous);
    // Warm, the offline router's offsets already say how hard the query is: a bad answer is the model's alone.
    this.pool!.update(j, x, reward, (await this.offsets(query))[j]!, !this.base);
  }

  /** Serve other catalog models: known arms kept, new ones start cold; passed on to a base router that can. */
  serve(models: readonly CatalogModel[]): void {
    if (this.base?.router.retargetable) this.base.router.serve(models);
    const known = this.models;
    this.models = models.map((m) => m.id);
    this.pool =
      this.features &&
      this.pool?.remap(
        this.models.map((m) => known.indexOf(m)),
        this.features.size,
        this.options.ridge,
      );
    if (this.base) return;
    this.costs = CostModel.fromCatalog(models);
    if (this.priors) this.priors = catalogPriors(this.models, models, this.options.prior);
  }

  toJSON(): RouterFile {
    if (this.models.length === 0) throw new Error(`router "${this.name}" is not started: call fit, begin or over`);
    const state = {
      ...(this.base ? { base: this.base.file } : { costs: this.costs!.state, ...(this.priors ? { priors: this.priors } : {}) }),
      inputDim: this.features?.inputDim ?? 0,
      ...(this.pool?.state ?? { arms: [] }),
      calls: this.counts.calls,
      explored: this.counts.explored,
      rng: this.rng,
    };
    return routerFile(this.name, this.options, this.models, pack(state));
  }

  restore(file: RouterFile): this {
    const st = fileState(file, stateSchema);
    if (st.base) this.over(st.base, registryOf(this.context, this.name).load(st.base, this.context));
    else if (st.costs) this.begin(file.models, new CostModel(st.costs));
    else throw new Error('invalid router file: state needs a base router or costs');
    if (st.priors && st.priors.length !== file.models.length)
      throw new Error(`invalid router file: state.priors must hold one prior per model (${file.models.length})`);
    if (!st.base) this.priors = st.priors;
    this.models = [...file.models];
    if (st.inputDim > 0) this.features = this.featureMap(st.inputDim);
    const size = this.features?.size ?? 0;
    if (st.arms.length !== (size ? this.models.length : 0) || st.arms.some((a) => a.b.length !== size)) {
      throw new Error(`invalid router file: state.arms must hold one arm of ${size} features per model once a query was seen`);
    }
    this.pool = size ? new PooledArms({ arms: st.arms, shared: st.shared, totals: st.totals }, size, this.options.ridge) : undefined;
    this.counts = { calls: st.calls, explored: st.explored };
    this.rng = st.rng;
    return this;
  }

  private label(): string {
    return { linucb: 'LinUCB', 'lin-ts': 'Linear Thompson sampling', 'epsilon-greedy': 'Epsilon-greedy' }[this.strategy];
  }

  /** The mean estimate of every model (offset + arm), in [0,1], with the query's features. */
  private async means(query: RouteQuery) {
    const x = this.featuresOf(query);
    const { offsets, costs } = await this.offsetsAndCosts(query);
    const estimates: ModelEstimate[] = this.models.map((model, j) => ({
      model,
      quality: clamp01(offsets[j]! + this.pool!.mean(j, x)),
      cost: costs[j]!,
    }));
    return { estimates, x };
  }

  private async offsets(query: RouteQuery): Promise<number[]> {
    return (await this.offsetsAndCosts(query)).offsets;
  }

  private async offsetsAndCosts(query: RouteQuery): Promise<{ offsets: number[]; costs: number[] }> {
    if (!this.base)
      return {
        offsets: this.coldPriors(),
        costs: this.models.map((_, j) => this.costs!.estimate(j, query.text)),
      };
    const byModel = new Map((await this.base.router.predict(query)).estimates.map((e) => [e.model, e] as const));
    return {
      offsets: this.models.map((m) => byModel.get(m)?.quality ?? this.options.prior),
      costs: this.models.map((m) => byModel.get(m)?.cost ?? 0),
    };
  }

  /** Each estimate raised by its exploration bonus: alpha x width (LinUCB), or a posterior draw (Thompson). */
  private optimistic(estimates: readonly ModelEstimate[], x: Float64Array): ModelEstimate[] {
    return estimates.map((e, j) => {
      const width = this.arm(j).width(x);
      const bonus =
        this.strategy === 'linucb' ? (this.options.alpha ?? 0) * width : (this.options.v ?? 0) * width * gaussian(() => this.draw());
      return { ...e, quality: e.quality + bonus };
    });
  }

  /** With probability epsilon (decaying, exploration.ts), a uniformly random model among those the greedy rule could pick
   * (allowed, affordable) that could still beat its choice (plausible, exploration.ts), then the greedy order. */
  private epsilonDecision(greedy: Decision, x: Float64Array): Decision {
    const o = this.options;
    if (this.draw() >= decayedEpsilon(o.epsilon ?? 0, this.counts.calls, o.epsilonHalfCalls)) return greedy;
    const width = (model: string) => this.arm(this.models.indexOf(model)).width(x);
    const candidates = plausible(greedy.ranking, width, o.plausibleWidths ?? PLAUSIBLE_WIDTHS);
    const pick = candidates[Math.floor(this.draw() * candidates.length)]!;
    return { model: pick.model, ranking: [pick, ...greedy.ranking.filter((r) => r !== pick)] };
  }

  /** Each model's uncertainty at this query, for the explanation. */
  private widths(x: Float64Array): Record<string, number> {
    return Object.fromEntries(this.models.map((m, j) => [`width ${m}`, Number(this.arm(j).width(x).toFixed(3))]));
  }

  private featuresOf(query: RouteQuery): Float64Array {
    if (!query.embedding) throw new Error(`router "${this.name}" needs the query's embedding`);
    if (!this.features) {
      this.features = this.featureMap(query.embedding.length);
      this.pool = PooledArms.fresh(this.models.length, this.features.size, this.options.ridge);
    }
    return this.features.of(query.embedding);
  }

  private featureMap(inputDim: number): FeatureMap {
    return new FeatureMap(inputDim, this.options.dim, this.options.seed);
  }

  private arm(j: number) {
    return this.pool!.arms[j]!;
  }

  /** Each model's prior reward before any outcome (the leader's shrinkage target). */
  private coldPriors(): number[] {
    return this.models.map((_, j) => this.priors?.[j] ?? this.options.prior);
  }

  private draw(): number {
    const [value, next] = mulberry32Step(this.rng);
    this.rng = next;
    return value;
  }
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

const DESCRIPTIONS: Record<Strategy, string> = {
  linucb: "online: LinUCB per model on the query embedding, learns from each chosen model's outcome (cold, or warm from an offline router)",
  'lin-ts': "online: linear Thompson sampling per model on the query embedding, learns from each chosen model's outcome",
  'epsilon-greedy': "online: epsilon-greedy around an offline router (or a cold linear model), learns from each chosen model's outcome",
};

/** The registry's entry for one strategy. */
export function onlineKind(strategy: Strategy): RouterKind<OnlineLinearRouter> {
  const schema = z.object({ ...common, ...strategyOptions[strategy] }).strict();
  const create = (options: Record<string, unknown> = {}, context: RouterContext = {}) =>
    new OnlineLinearRouter(strategy, parseOrThrow(schema, options, `${strategy} options`), context);
  return {
    routerName: strategy,
    description: DESCRIPTIONS[strategy],
    input: 'embedding',
    evaluationOnly: false,
    fromRouter: false,
    online: true,
    optionsSchema: schema,
    create,
    load: (file, context) => create(file.options as Record<string, unknown>, context).restore(file),
    optionDefaults: () => optionDefaults(schema),
  };
}
