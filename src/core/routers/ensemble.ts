// `ensemble`: stacking, as scikit-learn's StackingRegressor (cv=5). The member routers (default knn, mlp, logreg)
// are trained in k folds, each predicting the fold it did not see; these out-of-fold calibrated per-model estimates
// are the features of one logistic regression per model, fitted to the observed scores: quality_j =
// sigmoid(sum_r w_jr logit(q_rj) + b_j), a small ridge pulling the weights to zero. Then the members are trained
// again on all the data and the router file holds their files beside the weights. Members must estimate every
// model of the data. The estimate routed with is a convex blend, in logit space, of the best member's (by AIQ out of
// fold) and the stack's: logit q = (1 - alpha) logit q_best + alpha logit q_stack, alpha chosen on a grid by AIQ on
// the out-of-fold estimates (the stack's weights cross-fitted in two halves, so it is never scored on the queries it
// was fitted to), ties to the smaller alpha. The grid holds 0, so the ensemble degrades to its best member when no
// blend beats it out of fold, and blends in between hedge a stack that wins out of fold by less than a split decides.
import { z } from 'zod';
import {
  registryOf,
  type Prediction,
  type Registry,
  type RouteQuery,
  type Router,
  type RouterContext,
  type RouterFile,
  type RouterInput,
  type TrainingData,
} from './router.ts';
import { RouterRuntime } from './runtime.ts';
import type { Step } from './shared/step.ts';
import { mulberry32, shuffled } from '../data/random.ts';
import { sigmoid } from './shared/vectors.ts';
import { solve } from './shared/linear-solve.ts';
import { own } from '../data/named-record.ts';
import { decide } from './decide.ts';
import { aiqCompared } from '../eval/frontier.ts';
import { LAMBDAS, datasetCostScale } from '../eval/evaluate.ts';

const options = z
  .object({
    members: z.array(z.string()).min(1).default(['knn', 'mlp', 'logreg']),
    /** Options per member, by router name. */
    memberOptions: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** Folds the members are trained in for their out-of-fold estimates. */
    folds: z.number().int().min(2).max(20).default(5),
    /** Ridge penalty on the stacking weights. */
    ridge: z.number().min(0).default(0.01),
    /** Weights of the stack in its blend with the best member, tried out of fold (0: the member alone, 1: the stack alone). */
    blends: z.array(z.number().min(0).max(1)).min(1).default([0, 0.25, 0.5, 0.75, 1]),
    seed: z.number().int().default(1),
  })
  .strict();
type Options = z.infer<typeof options>;

const routerFile = z.custom<RouterFile>((v) => typeof v === 'object' && v !== null, { message: 'expected a member router file' });
const state = z
  .object({
    members: z.array(routerFile).min(1),
    /** Per model: one weight per member, then the bias. */
    weights: z.array(z.array(z.number())),
    /** The best member out of fold, by index, and the stack's weight in the blend routed with (0: that member alone). */
    best: z.number().int().min(0),
    alpha: z.number().min(0).max(1),
    /** Every blend weight tried, with its AIQ on the out-of-fold estimates. */
    cv: z.array(z.object({ alpha: z.number(), aiq: z.number() }).strict()),
  })
  .strict();
type State = z.infer<typeof state>;

const EPSILON = 1e-4;
const logit = (p: number) => {
  const q = Math.min(1 - EPSILON, Math.max(EPSILON, p));
  return Math.log(q / (1 - q));
};

/** The ensemble router: its members are built and loaded through the registry it was given. */
export class EnsembleRouter extends RouterRuntime<Options, State> {
  static override readonly routerName = 'ensemble';
  static override readonly description =
    "stacking: a per-model logistic combination of other routers' out-of-fold estimates, " +
    'blended with its best member by a weight chosen out of fold (0: that member alone)';
  static override readonly input = 'embedding';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  private members: Router[] | undefined;
  private readonly registry: Registry;

  constructor(o: Options, context: RouterContext = {}) {
    super(o, context);
    this.registry = registryOf(context, 'ensemble');
    checkMembers(o.members, this.registry);
  }

  /** The widest input of its members. */
  override get input(): RouterInput {
    return this.options.members.some((m) => this.registry.kind(m).input === 'embedding') ? 'embedding' : 'text';
  }

  protected async train(data: TrainingData, step: Step): Promise<State> {
    const predictions = await outOfFold(data, step.part(0, 0.8), this.options, (part, at) => this.trainMembers(part, at));
    const estimates = predictions.map((per) => per.map((p) => qualityByModel(p, data.models)));
    const weights = stackWeights(data, estimates, data.models, this.options.ridge, () => true);
    const choice = chooseBlend(data, predictions, estimates, data.models, this.options);
    this.members = await this.trainMembers(data, step.part(0.8, 1));
    return { members: this.members.map((r) => r.toJSON()), weights, ...choice };
  }

  /** The members, each trained on `data` with its own options. */
  private async trainMembers(data: TrainingData, step: Step): Promise<Router[]> {
    const out = [];
    const n = this.options.members.length;
    for (const [r, name] of this.options.members.entries()) {
      const member = this.registry.create(name, this.options.memberOptions[name] ?? {}, this.context);
      await member.fit(data, step.part(r / n, (r + 1) / n).asControl());
      out.push(member);
    }
    return out;
  }

  override async predict(query: RouteQuery): Promise<Prediction> {
    const st = this.trained();
    if (this.input === 'embedding' && !query.embedding) throw new Error(`router "${this.name}" needs the query's embedding`);
    this.members ??= st.members.map((f) => this.registry.load(f, this.context));
    if (st.alpha === 0) return this.asMember(st.best, query);
    const per = await Promise.all(this.members.map(async (r) => qualityByModel(await r.predict(query), this.models)));
    const stack = stacked(
      st.weights,
      per.map((q) => [q]),
      0,
    );
    const quality = blended(per[st.best]!, stack, st.alpha);
    const explanation = blendExplanation(this.options.members, this.models, per, quality, st);
    return { estimates: this.withCosts(quality, query.text), explanation };
  }

  /** The member's own prediction, saying why the stack was set aside. */
  private async asMember(index: number, query: RouteQuery): Promise<Prediction> {
    const p = await this.members![index]!.predict(query);
    const name = this.options.members[index]!;
    const stacked = this.options.members.join(', ');
    const summary = `${name} alone (no blend with stacking ${stacked} beat it out of fold): ${p.explanation.summary}`;
    return { estimates: this.withCosts(qualityByModel(p, this.models), query.text), explanation: { ...p.explanation, summary } };
  }

  protected override checkState(st: State, models: number): void {
    if (st.best >= st.members.length) throw new Error(`invalid router file: ensemble best member ${st.best} names no member`);
    if (!stateFits(st, this.options.members.length, models)) {
      throw new Error(`invalid router file: ensemble state does not match ${this.options.members.length} members and ${models} models`);
    }
    this.members = st.members.map((f) => this.registry.load(f, this.context));
  }
}

/** Why the blend estimated so: the members' estimates of the model it rates highest, and the weights used. */
function blendExplanation(
  members: readonly string[],
  models: readonly string[],
  per: readonly number[][],
  quality: readonly number[],
  st: State,
): Prediction['explanation'] {
  const top = quality.indexOf(Math.max(...quality));
  return {
    summary:
      `Stacked estimate: a per-model logistic combination of ${members.join(', ')} (weights fitted on out-of-fold ` +
      `estimates), blended with ${members[st.best]}'s at weight ${st.alpha} (chosen out of fold).`,
    features: Object.fromEntries(members.map((m, r) => [`${m} (${models[top]})`, Number(per[r]![top]!.toFixed(3))])),
  };
}

/** Throws unless every member is an offline router trained on the data (and not an ensemble). */
function checkMembers(members: readonly string[], registry: Registry): void {
  for (const member of members) {
    const entry = registry.kind(member);
    if (entry.input === 'provider' || entry.evaluationOnly || member === 'ensemble')
      throw new Error(`ensemble: "${member}" cannot be a member (members are offline routers trained on the data)`);
  }
}

/** Whether a router file's state holds the configured members and one weight row (a weight per member, then the bias) per model. */
function stateFits(st: State, members: number, models: number): boolean {
  return st.members.length === members && st.weights.length === models && st.weights.every((w) => w.length === st.members.length + 1);
}

/** Per member, its prediction of every training query by the member trained on the other folds. */
async function outOfFold(
  data: TrainingData,
  step: Step,
  o: Options,
  trainMembers: (data: TrainingData, step: Step) => Promise<Router[]>,
): Promise<Prediction[][]> {
  const n = data.samples.length;
  if (n < 2) throw new Error('ensemble: needs at least two training samples (one to fit, one to predict)');
  const k = Math.min(o.folds, n);
  const fold = foldOf(n, k, o.seed);
  const out = o.members.map(() => new Array<Prediction>(n));
  for (let f = 0; f < k; f++) {
    const members = await trainMembers(
      subset(data, (i) => fold[i] !== f),
      step.part(f / k, (f + 1) / k),
    );
    const held = [...Array(n).keys()].filter((i) => fold[i] === f);
    for (const [r, member] of members.entries())
      for (const i of held) out[r]![i] = await member.predict({ text: data.samples[i]!.query, embedding: data.embeddings[i] });
  }
  return out;
}

/** Each sample's fold in [0, k), seeded, the folds as equal as can be. */
function foldOf(n: number, k: number, seed: number): Int32Array {
  const fold = new Int32Array(n);
  shuffled([...Array(n).keys()], mulberry32(seed)).forEach((i, rank) => (fold[i] = rank % k));
  return fold;
}

/** The samples `keep` keeps, with their embeddings. */
function subset(data: TrainingData, keep: (i: number) => boolean): TrainingData {
  return {
    ...data,
    samples: data.samples.filter((_, i) => keep(i)),
    embeddings: data.embeddings.length ? data.embeddings.filter((_, i) => keep(i)) : [],
  };
}

/** A member's estimated quality of each model (in `models` order); a model it does not estimate is an error. */
function qualityByModel(p: Prediction, models: readonly string[]): number[] {
  const by = new Map(p.estimates.map((e) => [e.model, e.quality]));
  return models.map((m) => {
    const q = by.get(m);
    if (q === undefined) throw new Error(`ensemble: a member gave no estimate for ${m}`);
    return q;
  });
}

/** Per model, the stacking weights fitted on the out-of-fold estimates of the rows `use` keeps. */
function stackWeights(
  data: TrainingData,
  estimates: readonly number[][][],
  models: readonly string[],
  ridge: number,
  use: (i: number) => boolean,
): number[][] {
  return models.map((model, j) => {
    const rows = data.samples.map((_, i) => i).filter((i) => use(i) && own(data.samples[i]!.outcomes, model));
    return fitLogistic(
      rows.map((i) => estimates.map((e) => logit(e[i]![j]!))),
      rows.map((i) => own(data.samples[i]!.outcomes, model)!.score),
      ridge,
    );
  });
}

/** Per model, the stack's quality for row `i` of `estimates` (indexed member, row, model). */
const stacked = (weights: readonly number[][], estimates: readonly number[][][], i: number) =>
  weights.map((w, j) => sigmoid(estimates.reduce((s, e, r) => s + w[r]! * logit(e[i]![j]!), w[estimates.length]!)));

/** Per model, the blend of a member's and the stack's estimates in logit space, the stack weighted `alpha`. */
const blended = (member: readonly number[], stack: readonly number[], alpha: number) =>
  member.map((q, j) => sigmoid((1 - alpha) * logit(q) + alpha * logit(stack[j]!)));

/**
 * The best member by AIQ on the out-of-fold estimates, and the stack's weight in its blend with that member: the
 * grid's weight of highest out-of-fold AIQ over one shared cost range, ties to the smaller. The stack's qualities on
 * each half come from weights fitted on the other half; costs are the members' estimates.
 */
function chooseBlend(
  data: TrainingData,
  predictions: readonly Prediction[][],
  estimates: readonly number[][][],
  models: readonly string[],
  o: Options,
): { best: number; alpha: number; cv: { alpha: number; aiq: number }[] } {
  const memberAiq = aiqCompared(predictions.map((per) => curveOf(outOfFoldOutcomes(data, per, models))));
  const best = memberAiq.indexOf(Math.max(...memberAiq));
  const half = (i: number) => i % 2 === 0;
  const byHalf = [stackWeights(data, estimates, models, o.ridge, (i) => !half(i)), stackWeights(data, estimates, models, o.ridge, half)];
  const alphas = [...new Set(o.blends)].sort((a, b) => a - b);
  const curves = alphas.map((alpha) => {
    const blend = predictions[best]!.map((p, i) => {
      const quality = blended(estimates[best]![i]!, stacked(byHalf[half(i) ? 0 : 1]!, estimates, i), alpha);
      return { ...p, estimates: models.map((model, j) => ({ model, quality: quality[j]!, cost: costOf(p, model) })) };
    });
    return curveOf(outOfFoldOutcomes(data, blend, models));
  });
  const cv = aiqCompared(curves).map((aiq, k) => ({ alpha: alphas[k]!, aiq }));
  const top = cv.reduce((a, b) => (b.aiq > a.aiq + 1e-12 ? b : a));
  return { best, alpha: top.alpha, cv };
}

const costOf = (p: Prediction, model: string) => p.estimates.find((e) => e.model === model)!.cost;

/** Per lambda of the evaluation's grid, the (score, cost) of the model a router's predictions choose for each scorable training query. */
function outOfFoldOutcomes(
  data: TrainingData,
  predictions: readonly Prediction[],
  models: readonly string[],
): { score: number; cost: number }[][] {
  const costScale = datasetCostScale(predictions, models);
  const rows = data.samples
    .map((s, i) => ({ s, i, allowed: models.filter((m) => own(s.outcomes, m)) }))
    .filter((r) => r.allowed.length > 0);
  return LAMBDAS.map((lambda) =>
    rows.map(({ s, i, allowed }) => own(s.outcomes, decide(predictions[i]!.estimates, { lambda, allowed, costScale }).model)!),
  );
}

/** The (cost, quality) curve of the chosen outcomes, one point per lambda. */
function curveOf(outcomes: readonly { score: number; cost: number }[][]): { cost: number; quality: number }[] {
  return outcomes.map((perRow) => ({
    cost: perRow.reduce((c, o) => c + o.cost, 0),
    quality: perRow.reduce((q, o) => q + o.score, 0) / Math.max(1, perRow.length),
  }));
}

/**
 * Logistic regression with soft targets and a ridge on the weights (not the bias), by Newton's method:
 * returns the weights, then the bias. Starts from the members' mean (weights 1/R).
 */
export function fitLogistic(x: readonly number[][], y: readonly number[], ridge: number, iterations = 50): number[] {
  const r = x[0]?.length ?? 0;
  const w = [...Array(r).fill(r ? 1 / r : 0), 0];
  if (x.length === 0) return w;
  const k = r + 1;
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(k).fill(0);
    const H = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    x.forEach((row, i) => {
      const f = [...row, 1];
      const p = sigmoid(f.reduce((s, v, a) => s + v * w[a]!, 0));
      const c = p * (1 - p);
      for (let a = 0; a < k; a++) {
        g[a] += (p - y[i]!) * f[a]!;
        for (let b = 0; b < k; b++) H[a]![b]! += c * f[a]! * f[b]!;
      }
    });
    for (let a = 0; a < r; a++) (g[a]! += ridge * w[a]!), (H[a]![a]! += ridge);
    H[r]![r]! += 1e-9;
    const step = solve(H, g);
    let change = 0;
    for (let a = 0; a < k; a++) (w[a] -= step[a]!), (change += Math.abs(step[a]!));
    if (change < 1e-9) break;
  }
  return w;
}
