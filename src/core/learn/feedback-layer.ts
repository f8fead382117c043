// `feedback`: a trained router of any family (auto, bert, a lab router) corrected by the user's own rated answers,
// a warm start from the router's state, which is kept whole inside. Each model's estimate for a query is the base
// router's plus a local correction: the similarity-weighted mean of the residuals (logged score minus the base
// estimate) of the logged answers whose query has cosine >= `minSimilarity` with it, shrunk toward zero by `prior`
// (how many exactly matching answers the base estimate counts as). A query unlike every logged one is routed
// exactly as the base routes it: what the base router knew is kept.
import { z } from 'zod';
import type { CatalogModel } from '../catalog/model.ts';
import {
  registryOf,
  type FitControl,
  type ModelEstimate,
  type Prediction,
  type RouteQuery,
  type Router,
  type RouterContext,
  type RouterFile,
  type TrainingData,
} from '../routers/router.ts';
import { checkTrainingData, optionDefaults } from '../routers/runtime.ts';
import { expectLength, f32, fileState, pack, parseOrThrow, routerFile } from '../routers/shared/router-file.ts';
import { dotRow, normalised, stackRows } from '../routers/shared/vectors.ts';
import { own } from '../data/named-record.ts';

export const feedbackOptions = z
  .object({
    /** Logged queries less similar than this (cosine of embeddings) do not correct an estimate. */
    minSimilarity: z.number().min(-1).max(1).default(0.6),
    /** Softness of the similarity weight exp((cosine - 1) / temperature). */
    temperature: z.number().positive().default(0.1),
    /** How many exactly matching logged answers the base router's estimate counts as. */
    prior: z.number().positive().default(0.2),
  })
  .strict();
export type FeedbackOptions = z.infer<typeof feedbackOptions>;

/** One logged answer's correction: the query (row of `vectors`), the model, and logged score - base estimate. */
export interface Residual {
  row: number;
  model: string;
  residual: number;
}

/** The logged queries (unit vectors, row-major) and their residuals. */
export interface Residuals {
  dim: number;
  vectors: Float32Array;
  entries: Residual[];
}

const stateSchema = z
  .object({
    base: z.custom<RouterFile>((v) => typeof v === 'object' && v !== null, { message: 'expected the base router file' }),
    dim: z.number().int().positive(),
    vectors: f32,
    rows: z.array(z.number().int().min(0)),
    models: z.array(z.string()),
    residuals: z.array(z.number()),
  })
  .strict();

/** The base router's estimate of each model for each logged sample, and the residuals of the logged outcomes. */
export async function residualsOf(base: Router, data: TrainingData): Promise<{ residuals: Residuals; baseEstimates: ModelEstimate[][] }> {
  checkTrainingData(data, true);
  const dim = data.embeddings[0]!.length;
  const baseEstimates: ModelEstimate[][] = [];
  const entries: Residual[] = [];
  for (const [row, sample] of data.samples.entries()) {
    const { estimates } = await base.predict({ text: sample.query, embedding: data.embeddings[row] });
    baseEstimates.push(estimates);
    for (const e of estimates) {
      const outcome = own(sample.outcomes, e.model);
      if (outcome) entries.push({ row, model: e.model, residual: outcome.score - e.quality });
    }
  }
  return { residuals: { dim, vectors: stackRows(data.embeddings.map(normalised), dim), entries }, baseEstimates };
}

/** Per model, the correction the residuals give a query (only models some similar logged answer used). */
export function correction(
  residuals: Residuals,
  embedding: Float32Array,
  options: FeedbackOptions,
  rows?: ReadonlySet<number>,
): Map<string, { delta: number; answers: number }> {
  const unit = normalised(embedding);
  const sums = new Map<string, { weighted: number; weight: number; answers: number }>();
  const similarity = new Map<number, number>();
  for (const e of residuals.entries) {
    if (rows && !rows.has(e.row)) continue;
    if (!similarity.has(e.row)) similarity.set(e.row, dotRow(unit, residuals.vectors, e.row));
    const cos = similarity.get(e.row)!;
    if (cos < options.minSimilarity) continue;
    const w = Math.exp((Math.min(1, cos) - 1) / options.temperature);
    const s = sums.get(e.model) ?? { weighted: 0, weight: 0, answers: 0 };
    s.weighted += w * e.residual;
    s.weight += w;
    s.answers++;
    sums.set(e.model, s);
  }
  return new Map([...sums].map(([model, s]) => [model, { delta: s.weighted / (options.prior + s.weight), answers: s.answers }]));
}

/** Base estimates with the correction added (qualities kept in [0,1]). */
export function corrected(estimates: readonly ModelEstimate[], deltas: Map<string, { delta: number }>): ModelEstimate[] {
  return estimates.map((e) => ({ ...e, quality: Math.min(1, Math.max(0, e.quality + (deltas.get(e.model)?.delta ?? 0))) }));
}

/** The feedback router: a layer over a trained router (its own kind, not trained on a dataset), loading the base
 * router its file holds through the registry it was given. */
export class FeedbackLayer implements Router {
  static readonly routerName = 'feedback';
  static readonly description = 'a trained router (any family) corrected by your rated answers to similar queries (made by local learning)';
  static readonly input = 'embedding';
  static readonly evaluationOnly = false;
  static readonly fromRouter = true;
  static readonly online = false;
  static readonly optionsSchema = feedbackOptions;

  readonly name = 'feedback';
  readonly input = 'embedding';
  readonly textTier = false;
  private base: Router | undefined;
  private baseFile: RouterFile | undefined;
  private learned: Residuals | undefined;

  constructor(
    readonly options: FeedbackOptions,
    private readonly context: RouterContext = {},
  ) {}

  static create(options: Record<string, unknown> = {}, context: RouterContext = {}): FeedbackLayer {
    return new FeedbackLayer(parseOrThrow(feedbackOptions, options, 'feedback options'), context);
  }

  static load(file: RouterFile, context: RouterContext = {}): FeedbackLayer {
    return FeedbackLayer.create(file.options as Record<string, unknown>, context).restore(file);
  }

  static optionDefaults(): Record<string, unknown> {
    return optionDefaults(feedbackOptions);
  }

  /** This layer over a trained router (its file, and the router loaded from it). */
  over(baseFile: RouterFile, base: Router): this {
    this.baseFile = baseFile;
    this.base = base;
    return this;
  }

  /** The router the feedback corrects. */
  get baseRouter(): Router {
    if (!this.base)
      throw new Error('router "feedback" is made from a trained router by local learning (over(baseFile, base)), not trained on a dataset');
    return this.base;
  }

  /** The file of the router the feedback corrects. */
  get baseRouterFile(): RouterFile {
    this.baseRouter;
    return this.baseFile!;
  }

  /** It serves what its base router serves. */
  get retargetable(): boolean {
    return this.baseRouter.retargetable;
  }

  /** Fits the correction on logged samples (the base router must be set: `over`, or a loaded file). */
  async fit(data: TrainingData, control: FitControl = {}): Promise<void> {
    checkTrainingData(data, true);
    this.learned = (await residualsOf(this.baseRouter, data)).residuals;
    control.onProgress?.(1);
  }

  useResiduals(residuals: Residuals): void {
    this.learned = residuals;
  }

  async predict(query: RouteQuery): Promise<Prediction> {
    if (!query.embedding) throw new Error('router "feedback" needs the query\'s embedding');
    const base = await this.baseRouter.predict(query);
    const deltas = correction(this.trained(), query.embedding, this.options);
    if (deltas.size === 0) return base;
    const moved = [...deltas].map(([model, d]) => `${model} ${d.delta >= 0 ? '+' : ''}${d.delta.toFixed(2)}`).join(', ');
    const answers = Math.max(...[...deltas.values()].map((d) => d.answers));
    return {
      estimates: corrected(base.estimates, deltas),
      explanation: {
        ...base.explanation,
        summary: `${base.explanation.summary} Corrected by your feedback on similar queries: ${moved}.`,
        features: { ...base.explanation.features, feedback_answers: answers },
      },
    };
  }

  /** Serve other catalog models: passed on to its base router. */
  serve(models: readonly CatalogModel[]): void {
    this.baseRouter.serve(models);
  }

  toJSON(): RouterFile {
    const r = this.trained();
    const state = {
      base: this.baseFile,
      dim: r.dim,
      vectors: r.vectors,
      rows: r.entries.map((e) => e.row),
      models: r.entries.map((e) => e.model),
      residuals: r.entries.map((e) => e.residual),
    };
    return routerFile(this.name, this.options, this.baseRouter.toJSON().models, pack(state));
  }

  private restore(file: RouterFile): this {
    const st = fileState(file, stateSchema);
    expectLength(st.models, st.rows.length, 'models');
    expectLength(st.residuals, st.rows.length, 'residuals');
    const n = st.vectors.length / st.dim;
    if (!Number.isInteger(n) || st.rows.some((r) => r >= n))
      throw new Error(
        `invalid router file: state.vectors does not hold the ${Math.max(0, ...st.rows) + 1} ` +
          `logged queries of ${st.dim} dimensions the entries name`,
      );
    this.over(st.base, registryOf(this.context, this.name).load(st.base, this.context));
    this.learned = {
      dim: st.dim,
      vectors: st.vectors,
      entries: st.rows.map((row, i) => ({ row, model: st.models[i]!, residual: st.residuals[i]! })),
    };
    return this;
  }

  private trained(): Residuals {
    if (this.learned === undefined) throw new Error(`router "${this.name}" is not trained: call fit or load a router file`);
    return this.learned;
  }
}

export function isFeedbackLayer(router: unknown): router is FeedbackLayer {
  return router instanceof FeedbackLayer;
}
