// `irt`: the model-agnostic cold-start router, after IRT-Router (ACL 2025). From the query's embedding it
// predicts which skills the query needs (knowledge, reasoning, maths, code: a head trained on the task names)
// and how hard it is (a linear head fitted jointly with the training models' abilities by item response
// theory), and estimates P(model answers well) = sigmoid(skill mix . ability - difficulty) for any model.
// A model's abilities come from its outcomes in the data; else from its published benchmark figures in the
// catalog, mapped onto the ability scale by a fit on the models that have both; else from its price (the
// explanation says which). Outcomes that arrive later sharpen one model's abilities by a MAP update (`observe`:
// its level from a few, each skill from more), without retraining. A query longer than a model's context window gets no chance with it.
import { z } from 'zod';
import { defaultCatalog, findModel } from '../catalog/catalog.ts';
import { skillSchema, type CatalogModel, type Skill } from '../catalog/model.ts';
import { estimateTokens } from '../data/pricing.ts';
import type { RouteQuery, TrainingData, Scored } from './router.ts';
import { RouterRuntime } from './runtime.ts';
import { taskNeeds } from './auto.ts';
import type { Step } from './shared/step.ts';
import { CostModel } from './shared/cost-model.ts';
import { gradientOptions } from './shared/adam.ts';
import { checkDenseNet, denseForward, denseNetSchema, trainDenseNet } from './shared/dense-net.ts';
import { scoreMatrix } from './shared/outcomes.ts';
import { f32 } from './shared/router-file.ts';
import { permutation, sigmoid, stackRows } from './shared/vectors.ts';
import { mulberry32 } from '../data/random.ts';
import { fitIrt, irtProbability, shiftAbility, updateAbility, type Observation } from './shared/irt-model.ts';
import { textReading } from './shared/text-reading.ts';
import {
  abilitySourceSchema,
  benchmarkLogit,
  fitBenchmarkMap,
  fitPriceMap,
  priorAbility,
  priorMapSchema,
  type AbilitySource,
} from './shared/ability-priors.ts';

/** The skills the router rates queries and models on. */
export const IRT_SKILLS: Skill[] = ['knowledge', 'reasoning', 'math', 'code'];

/**
 * The task of training samples that are turns every model answers well (greetings, thanks, small talk, simple
 * facts, short translations, reformatting: models/irt/trivial-turns.json). From them and the benchmark items the
 * router learns, on the embedding, the chance that a query is such a turn; a query's estimate for every model is
 * then that chance x 1 + the rest x the item response model, so the gap between models closes on what all answer.
 */
export const TRIVIAL_TASK = 'chat_trivial';
/** Benchmark items the trivial-turn head sees per trivial turn (each turn seen once, the items drawn at random). */
const TRIVIAL_NEGATIVES = 2;

/** How far a model's abilities may move from their source under the few-shot update (prior standard deviation). */
const PRIOR_SD: Record<AbilitySource, number> = { data: 0.25, catalog: 0.5, 'catalog+price': 0.75, price: 1 };
/** Outcomes of a model from which its skill profile is updated too; below, only its level moves. */
const PROFILE_OUTCOMES = 50;

const options = z
  .object({
    ...gradientOptions(20, 0.01),
    /** Models to serve besides those in the data (catalog ids); default: every catalog model given at training. */
    serve: z.array(z.string()).optional(),
    /** Anchor the training models' abilities on their published benchmark figures (one difficulty scale across datasets). */
    anchored: z.boolean().default(true),
    /** Weight decay of the anchored abilities' offsets: larger keeps them closer to the benchmarks. */
    anchorL2: z.number().min(0).default(0.01),
  })
  .strict();
type Options = z.infer<typeof options>;

const servedSchema = z
  .object({
    ability: z.array(z.number()),
    source: abilitySourceSchema,
    /** Tokens the model takes; longer queries get no chance with it. */
    contextWindow: z.number().int().positive().optional(),
    /** Outcomes folded in by `observe` since the abilities were set. */
    outcomes: z.number().int().min(0),
  })
  .strict();
type Served = z.infer<typeof servedSchema>;

const state = z
  .object({
    skills: z.array(skillSchema),
    skillNet: denseNetSchema,
    difficultyHead: f32,
    difficultyBias: z.number(),
    /** Log-discrimination = sharpnessHead . embedding + sharpnessBias. */
    sharpnessHead: f32,
    sharpnessBias: z.number(),
    /** P(the query is a turn every model answers well) = sigmoid(trivialNet(embedding)); absent: never. */
    trivialNet: denseNetSchema.optional(),
    priors: priorMapSchema,
    /** Abilities learned from the training outcomes, by model id. */
    learned: z.record(z.string(), z.array(z.number())),
    served: z.array(servedSchema),
  })
  .strict();
type State = z.infer<typeof state>;

/** A query's outcome with a model, for the few-shot update. */
export interface ObservedOutcome {
  text: string;
  embedding: Float32Array;
  score: number;
}

export class IrtRouter extends RouterRuntime<Options, State> {
  static override readonly routerName = 'irt';
  static override readonly description =
    'model-agnostic cold start (IRT-Router): query skills and difficulty vs. model abilities from outcomes, benchmarks or price';
  static override readonly retargetable = true;
  static override readonly input = 'embedding';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  override readonly textTier = true;

  protected override candidates(data: TrainingData): string[] {
    const served = this.options.serve ?? (data.catalog ?? []).map((m) => m.id);
    return [...new Set([...data.models, ...served])];
  }

  protected async train(data: TrainingData, step: Step): Promise<State> {
    const n = data.samples.length;
    const d = data.embeddings[0]!.length;
    const x = stackRows(data.embeddings, d);
    const k = IRT_SKILLS.length;
    const { y, mask } = skillTargets(data);
    const o = this.options;
    const skillNet = await trainDenseNet(
      {
        x,
        y,
        mask,
        hidden: 0,
        outputs: k,
        loss: 'logistic',
        epochs: o.epochs,
        learningRate: o.learningRate,
        l2: 1e-4,
        batch: 32,
        seed: o.seed,
      },
      step.part(0, 0.4),
    );
    const mix = new Float32Array(n * k);
    for (let i = 0; i < n; i++) mix.set(skillMix(skillNet, x.subarray(i * d, (i + 1) * d)), i * k);
    const sm = scoreMatrix(data);
    const catalog = data.catalog ?? [];
    const anchor = o.anchored
      ? benchmarkAnchors(data.models.map((m) => withPriors(catalog.find((c) => c.id === m) ?? { id: m })))
      : undefined;
    const fit = await fitIrt(
      { mix, x, scores: sm.scores, ran: sm.ran, skills: k, models: sm.m, ...(anchor ? { anchor } : {}) },
      { epochs: o.epochs, learningRate: o.learningRate, l2: 1e-4, ...(anchor ? { abilityL2: o.anchorL2 } : {}), seed: o.seed },
      step.part(0.4, 1),
    );
    const learned = Object.fromEntries(data.models.map((m, j) => [m, Array.from(fit.abilities.subarray(j * k, (j + 1) * k))]));
    const benchmark = fitBenchmarkMap(
      IRT_SKILLS,
      data.models.map((m) => ({ ability: learned[m]!, entry: withPriors(catalog.find((c) => c.id === m) ?? { id: m }) })),
    );
    const priors = { benchmark, price: fitPriceMap(IRT_SKILLS, benchmark, catalog.map(withPriors)) };
    const heads = { difficultyHead: fit.head, difficultyBias: fit.bias, sharpnessHead: fit.sharpness, sharpnessBias: fit.sharpnessBias };
    const trivialNet = await trainTrivialHead(data, x, o, step);
    const partial = { skills: IRT_SKILLS, skillNet, ...heads, ...(trivialNet ? { trivialNet } : {}), priors, learned, served: [] };
    const entries = this.candidates(data).map((m) => catalog.find((c) => c.id === m) ?? { id: m });
    return { ...partial, served: entries.map((e) => serveOne(partial, e)) };
  }

  protected override score(query: RouteQuery, st: State): Scored {
    const { mix, difficulty, discrimination, trivial } = query.embedding
      ? read(st, query.embedding)
      : { ...textReading(st.skills, query.text), trivial: 0 };
    const tokens = estimateTokens([...(query.context ?? []), query.text].join('\n'));
    const quality = st.served.map((s) =>
      s.contextWindow !== undefined && tokens > s.contextWindow
        ? 0
        : trivial + (1 - trivial) * irtProbability(mix, s.ability, difficulty, discrimination),
    );
    const top = mix.indexOf(Math.max(...mix));
    return {
      quality,
      explanation: {
        summary: query.embedding
          ? 'Item response theory: predicted the skills the query needs and its difficulty, and weighed ' +
            "them against each model's abilities (from outcomes, else published benchmarks, else price)."
          : 'Item response theory, text-only tier (the sentence encoder was not ready): skills ' +
            "and difficulty guessed from the query's words, weighed against each model's abilities.",
        features: {
          difficulty: Number(difficulty.toFixed(3)),
          discrimination: Number(discrimination.toFixed(3)),
          trivial: Number(trivial.toFixed(3)),
          skill: st.skills[top]!,
          skill_share: Number(mix[top]!.toFixed(3)),
          abilities_from: abilitySources(this.models, st.served),
        },
      },
    };
  }

  /** Serve a different set of catalog models (the user's own); a model named like a catalog entry inherits its figures. */
  override serve(models: readonly CatalogModel[]): void {
    if (models.length === 0) throw new Error('irt: serve at least one model');
    const st = this.trained();
    this.serveAs(
      models.map((m) => m.id),
      CostModel.fromCatalog(models),
      { ...st, served: models.map((m) => serveOne(st, m)) },
    );
  }

  /**
   * Folds outcomes of one served model into its abilities (MAP update around its current ones) and returns them:
   * with fewer than PROFILE_OUTCOMES in all, one shift of its level (the skill profile stays the benchmarks');
   * from then on, each skill.
   */
  observe(model: string, outcomes: readonly ObservedOutcome[]): number[] {
    const st = this.trained();
    const j = this.models.indexOf(model);
    if (j < 0) throw new Error(`irt: model "${model}" is not served (served: ${this.models.join(', ')})`);
    const observations: Observation[] = outcomes.map((o) => ({ ...read(st, o.embedding), score: o.score }));
    const current = st.served[j]!;
    const update = current.outcomes + outcomes.length >= PROFILE_OUTCOMES ? updateAbility : shiftAbility;
    const ability = update(current.ability, PRIOR_SD[current.source], observations);
    st.served[j] = { ...current, ability, outcomes: current.outcomes + outcomes.length };
    return ability;
  }

  /** Each served model's abilities per skill and where they came from (for the explanation and tests). */
  abilities(): { model: string; skills: Skill[]; ability: number[]; source: AbilitySource }[] {
    const st = this.trained();
    return this.models.map((model, j) => ({ model, skills: st.skills, ability: st.served[j]!.ability, source: st.served[j]!.source }));
  }

  /** The query's skill mix, difficulty and discrimination, as the router reads them. */
  needs(embedding: Float32Array): Reading {
    return read(this.trained(), embedding);
  }

  protected override checkState(st: State, models: number): void {
    checkDenseNet(st.skillNet, 'learned.skillNet');
    if (st.trivialNet) checkDenseNet(st.trivialNet, 'learned.trivialNet');
    const k = st.skills.length;
    const d = st.skillNet.inputs;
    const bad = st.served.length !== models || st.skillNet.outputs !== k || st.difficultyHead.length !== d || st.sharpnessHead.length !== d;
    if (bad || st.served.some((s) => s.ability.length !== k) || st.priors.benchmark.length !== k || st.priors.price.length !== k) {
      throw new Error(`invalid router file: irt state does not match ${models} models and ${k} skills`);
    }
  }
}

/** A served model's abilities: learned from outcomes, else its catalog priors. */
function serveOne(st: Pick<State, 'skills' | 'priors' | 'learned'>, entry: Partial<CatalogModel> & { id: string }): Served {
  const learned = st.learned[entry.id];
  const context = entry.context_window === undefined ? {} : { contextWindow: entry.context_window };
  if (learned) return { ability: learned, source: 'data', ...context, outcomes: 0 };
  const withFigures = withPriors(entry);
  const priced = { input_price: withFigures.input_price ?? 0, output_price: withFigures.output_price ?? 0 };
  return { ...priorAbility(st.skills, st.priors, { ...withFigures, ...priced }), ...context, outcomes: 0 };
}

/**
 * The entry with benchmark figures: its own, else those of the shipped catalog entry whose id or API model
 * name matches its id or API model name (a user-added model named like a known one inherits its priors).
 */
export function withPriors<T extends Partial<CatalogModel> & { id: string }>(entry: T): T & Pick<CatalogModel, 'benchmarks'> {
  if (entry.benchmarks) return entry;
  const names = [entry.id, entry.api_model].filter((n): n is string => !!n);
  const match = names.map((n) => findModel(defaultCatalog, n)).find((m) => m?.benchmarks);
  return match ? { ...entry, benchmarks: match.benchmarks } : entry;
}

/**
 * Per model and skill, the anchor of its ability: the logit of its published figure; a model without a figure for
 * a skill gets the mean of the others' anchors for it (no anchors at all: zeros).
 */
function benchmarkAnchors(entries: readonly Pick<CatalogModel, 'benchmarks'>[]): Float32Array {
  const k = IRT_SKILLS.length;
  const anchor = new Float32Array(entries.length * k);
  IRT_SKILLS.forEach((skill, s) => {
    const figures = entries.map((e) => e.benchmarks?.[skill]?.score);
    const known = figures.filter((f): f is number => f !== undefined).map(benchmarkLogit);
    const fallback = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 0;
    figures.forEach((f, j) => (anchor[j * k + s] = f === undefined ? fallback : benchmarkLogit(f)));
  });
  return anchor;
}

/** Per sample and skill, the target share of that skill from the task name (masked when the task says nothing). */
function skillTargets(data: TrainingData): { y: Float32Array; mask: Uint8Array } {
  const k = IRT_SKILLS.length;
  const y = new Float32Array(data.samples.length * k);
  const mask = new Uint8Array(data.samples.length * k);
  data.samples.forEach((s, i) => {
    const needed = (taskNeeds(s.task) ?? []).filter((n): n is Skill => (IRT_SKILLS as string[]).includes(n));
    if (needed.length === 0) return;
    IRT_SKILLS.forEach((skill, c) => {
      mask[i * k + c] = 1;
      y[i * k + c] = needed.includes(skill) ? 1 : 0;
    });
  });
  return { y, mask };
}

/** The skill mix: the skill head's probabilities, normalised to sum to one. */
function skillMix(net: State['skillNet'], embedding: Float32Array): Float64Array {
  const out = new Float64Array(net.outputs);
  denseForward(net, embedding, out, new Float32Array(0));
  let total = 0;
  for (let c = 0; c < out.length; c++) total += out[c] = sigmoid(out[c]!);
  for (let c = 0; c < out.length; c++) out[c]! /= total;
  return out;
}

interface Reading {
  mix: Float64Array;
  difficulty: number;
  discrimination: number;
  /** The chance the query is a turn every model answers well. */
  trivial: number;
}

function read(st: State, embedding: Float32Array): Reading {
  let difficulty = st.difficultyBias;
  let sharpness = st.sharpnessBias;
  for (let c = 0; c < st.difficultyHead.length; c++) {
    difficulty += st.difficultyHead[c]! * embedding[c]!;
    sharpness += st.sharpnessHead[c]! * embedding[c]!;
  }
  return {
    mix: skillMix(st.skillNet, embedding),
    difficulty,
    discrimination: Math.exp(sharpness),
    trivial: trivialChance(st.trivialNet, embedding),
  };
}

function trivialChance(net: State['trivialNet'], embedding: Float32Array): number {
  if (!net) return 0;
  const out = new Float64Array(1);
  denseForward(net, embedding, out, new Float32Array(net.hidden));
  return sigmoid(out[0]!);
}

/**
 * The trivial-turn head: a small network on the embedding, trained on the trivial turns (1) against
 * TRIVIAL_NEGATIVES benchmark items each (0, drawn at random); undefined when the data has no trivial turns.
 */
async function trainTrivialHead(data: TrainingData, x: Float32Array, o: Options, step: Step): Promise<State['trivialNet']> {
  const d = x.length / data.samples.length;
  const positives = data.samples.flatMap((s, i) => (s.task === TRIVIAL_TASK ? [i] : []));
  if (positives.length === 0) return undefined;
  const others = data.samples.flatMap((s, i) => (s.task === TRIVIAL_TASK ? [] : [i]));
  const order = permutation(others.length, mulberry32(o.seed));
  const rows = [...positives, ...Array.from(order.subarray(0, positives.length * TRIVIAL_NEGATIVES), (j) => others[j]!)];
  const rx = new Float32Array(rows.length * d);
  rows.forEach((r, i) => rx.set(x.subarray(r * d, (r + 1) * d), i * d));
  const y = Float32Array.from(rows, (_, i) => (i < positives.length ? 1 : 0));
  const spec = {
    x: rx,
    y,
    mask: new Uint8Array(rows.length).fill(1),
    hidden: 32,
    outputs: 1,
    loss: 'logistic' as const,
    epochs: 60,
    learningRate: o.learningRate,
    l2: 1e-3,
    batch: 32,
    seed: o.seed,
  };
  return trainDenseNet(spec, step.part(1, 1));
}

const SOURCE_WORDS: Record<AbilitySource, string> = {
  data: 'outcomes in the data',
  catalog: 'published benchmarks',
  'catalog+price': 'published benchmarks, the rest from price',
  price: 'price (no published benchmarks)',
};

/** Where the served models' abilities came from, grouped: "published benchmarks: a, b; price (...): c". */
function abilitySources(models: readonly string[], served: readonly Served[]): string {
  const groups = new Map<AbilitySource, string[]>();
  models.forEach((m, j) => groups.set(served[j]!.source, [...(groups.get(served[j]!.source) ?? []), m]));
  return [...groups].map(([source, ms]) => `${SOURCE_WORDS[source]}: ${ms.join(', ')}`).join('; ');
}

export function isIrtRouter(router: unknown): router is IrtRouter {
  return router instanceof IrtRouter;
}
