// `auto`: the model-agnostic router. From data it learns what a query needs: its domain (which
// strengths it calls for: code, math, reasoning, knowledge, chat, multilingual; from the task names)
// and its difficulty (one minus the mean score the models got). A small logistic link, fitted on the
// training models' descriptors, maps (model capability, strength match, difficulty) to the chance a
// model answers well, so it can estimate any catalog model, including ones never in the data:
// the shared rule then takes the cheapest model expected to be good enough. Capability comes from the
// catalog's public score, or (flagged) is estimated from the model's price when the catalog has none.
import { z } from 'zod';
import type { CatalogModel, Strength } from '../catalog/model.ts';
import { strengthSchema } from '../catalog/model.ts';
import { estimateTokens } from '../data/pricing.ts';
import type { RouteQuery, TrainingData, Scored } from './router.ts';
import { RouterRuntime } from './runtime.ts';
import type { Step } from './shared/step.ts';
import { CostModel } from './shared/cost-model.ts';
import { gradientOptions } from './shared/adam.ts';
import { checkDenseNet, denseForward, denseNetSchema, trainDenseNet } from './shared/dense-net.ts';
import { scoreMatrix } from './shared/outcomes.ts';
import { detectLanguage } from './shared/text-features.ts';
import { sigmoid, stackRows } from './shared/vectors.ts';

/** Which strengths a benchmark task calls for, by a word in its name (first match wins). */
const TASK_NEEDS: [RegExp, Strength[]][] = [
  [/mbpp|human_?eval|code|program/i, ['code']],
  [/mgsm/i, ['math', 'multilingual']],
  [/gsm8k|math|arith|algebra/i, ['math']],
  [/gpqa/i, ['knowledge', 'reasoning']],
  [/mmlu|natural_qa|trivia|knowledge|_qa$/i, ['knowledge']],
  [/commonsense|openbook|arc|logic|reason|bbh/i, ['reasoning']],
  [/commongen|chat|writing|creative|mt_bench/i, ['chat']],
];

/** The strengths a task needs, or undefined when its name says nothing. */
export function taskNeeds(task: string | undefined): Strength[] | undefined {
  if (!task) return undefined;
  return TASK_NEEDS.find(([re]) => re.test(task))?.[1];
}

/** The strengths a router predicts from text: those some task needs, and multilingual (detected from the text). */
export function needDomains(needs: readonly (Strength[] | undefined)[]): Strength[] {
  return strengthSchema.options.filter(
    (d) => d !== 'vision' && d !== 'long-context' && (d === 'multilingual' || needs.some((n) => n?.includes(d))),
  );
}

/** Tokens above which a query needs a long-context model. */
export const LONG_CONTEXT_TOKENS = 8000;

const options = z
  .object({
    ...gradientOptions(15, 0.01),
    /** Models to serve besides those in the data (catalog ids); default: every catalog model given at training. */
    serve: z.array(z.string()).optional(),
  })
  .strict();
type Options = z.infer<typeof options>;

export const descriptorSchema = z
  .object({ capability: z.number(), strengths: z.array(strengthSchema), capabilitySource: z.enum(['catalog', 'price', 'assumed']) })
  .strict();
export type Descriptor = z.infer<typeof descriptorSchema>;
export const capabilityScaleSchema = z.object({ mean: z.number(), sd: z.number() });
export const priceFitSchema = z.object({ intercept: z.number(), slope: z.number() });

/** What maps a query's needs onto any catalog model: shared by every router with a model-agnostic path. */
export const catalogMappingFields = {
  domains: z.array(strengthSchema),
  link: denseNetSchema,
  capabilityScale: capabilityScaleSchema,
  priceFit: priceFitSchema,
  descriptors: z.array(descriptorSchema),
};

const state = z
  .object({
    domainNet: denseNetSchema,
    difficultyNet: denseNetSchema,
    ...catalogMappingFields,
  })
  .strict();
type State = z.infer<typeof state>;

export class AutoRouter extends RouterRuntime<Options, State> {
  static override readonly routerName = 'auto';
  static override readonly description = 'model-agnostic: predicts domain and difficulty, maps them onto any catalog model';
  static override readonly retargetable = true;
  static override readonly input = 'embedding';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  private catalog: readonly CatalogModel[] = [];

  protected override candidates(data: TrainingData): string[] {
    const served = this.options.serve ?? (data.catalog ?? []).map((m) => m.id);
    return [...new Set([...data.models, ...served])];
  }

  protected async train(data: TrainingData, step: Step): Promise<State> {
    this.catalog = data.catalog ?? [];
    const { priceFit, capabilityScale } = catalogScales(this.catalog, 'auto');
    const sm = scoreMatrix(data);
    const d = data.embeddings[0]!.length;
    const x = stackRows(data.embeddings, d);
    const o = this.options;
    const train = (y: Float32Array, mask: Uint8Array, outputs: number, inputs: Float32Array, epochs: number, part: [number, number]) =>
      trainDenseNet(
        {
          x: inputs,
          y,
          mask,
          hidden: 0,
          outputs,
          loss: 'logistic',
          epochs,
          learningRate: o.learningRate,
          l2: 1e-4,
          batch: 32,
          seed: o.seed,
        },
        step.part(...part),
      );

    const needs = data.samples.map((s) => taskNeeds(s.task));
    const domains = needDomains(needs);
    const n = data.samples.length;
    const { dy, dmask } = domainTargets(data.samples, needs, domains);
    const domainNet = await train(dy, dmask, domains.length, x, o.epochs, [0, 0.4]);

    const difficultyNet = await train(difficultyTargets(sm, n), new Uint8Array(n).fill(1), 1, x, o.epochs, [0.4, 0.8]);

    const partial: State = { domainNet, difficultyNet, domains, link: difficultyNet, capabilityScale, priceFit, descriptors: [] };
    const dataDescriptors = data.models.map((m) =>
      describe(
        this.catalog.find((c) => c.id === m),
        priceFit,
      ),
    );
    const rows: number[] = [];
    const y: number[] = [];
    const features = new Float32Array(4);
    const needsOf = new Float64Array(domains.length);
    for (let i = 0; i < n; i++) {
      const { difficulty: diff, long } = this.needs(partial, x.subarray(i * d, (i + 1) * d), data.samples[i]!.query, needsOf);
      for (let j = 0; j < sm.m; j++) {
        if (!sm.ran[i * sm.m + j]) continue;
        linkFeatures(partial, dataDescriptors[j]!, needsOf, diff, long, features);
        rows.push(...features);
        y.push(sm.scores[i * sm.m + j]!);
      }
    }
    const link = await train(Float32Array.from(y), new Uint8Array(y.length).fill(1), 1, Float32Array.from(rows), o.epochs, [0.8, 1]);
    return {
      ...partial,
      link,
      descriptors: this.candidates(data).map((m) =>
        describe(
          this.catalog.find((c) => c.id === m),
          priceFit,
        ),
      ),
    };
  }

  /** Domain probabilities (into `out`), predicted difficulty and whether the query needs a long context. */
  private needs(st: Pick<State, 'domainNet' | 'difficultyNet'>, embedding: Float32Array, text: string, out: Float64Array) {
    denseForward(st.domainNet, embedding, out, new Float32Array(0));
    for (let k = 0; k < out.length; k++) out[k] = sigmoid(out[k]!);
    const diff = new Float64Array(1);
    denseForward(st.difficultyNet, embedding, diff, new Float32Array(0));
    return { difficulty: sigmoid(diff[0]!), long: estimateTokens(text) > LONG_CONTEXT_TOKENS };
  }

  protected override score(query: RouteQuery, st: State): Scored {
    const needs = new Float64Array(st.domains.length);
    const { difficulty, long } = this.needs(st, query.embedding!, query.text, needs);
    const features = new Float32Array(4);
    const out = new Float64Array(1);
    const quality = st.descriptors.map((desc) => {
      linkFeatures(st, desc, needs, difficulty, long, features);
      denseForward(st.link, features, out, new Float32Array(0));
      return sigmoid(out[0]!);
    });
    const top = st.domains.map((dom, k) => [dom, needs[k]!] as const).sort((a, b) => b[1] - a[1])[0];
    return {
      quality,
      explanation: {
        summary: "Predicted what the query needs (domain, difficulty) and matched it to each model's public capability and strengths.",
        features: {
          difficulty: Number(difficulty.toFixed(3)),
          ...(top ? { domain: top[0], domain_probability: Number(top[1].toFixed(3)) } : {}),
          long_context: long,
          capability_from_price: this.models.filter((_, j) => st.descriptors[j]!.capabilitySource !== 'catalog').join(', '),
        },
      },
    };
  }

  /** Serve a different set of catalog models (the user's own) with the same learned needs and link. */
  override serve(models: readonly CatalogModel[]): void {
    const served = serveCatalog(this.trained(), models, 'auto');
    this.serveAs(served.models, served.costs, served.learned);
  }

  protected override checkState(st: State, models: number): void {
    for (const [net, name] of [
      [st.domainNet, 'domainNet'],
      [st.difficultyNet, 'difficultyNet'],
      [st.link, 'link'],
    ] as const)
      checkDenseNet(net, `learned.${name}`);
    if (st.descriptors.length !== models || st.domainNet.outputs !== st.domains.length || st.link.inputs !== 4) {
      throw new Error(`invalid router file: auto state does not match ${models} models`);
    }
  }
}

/** The price-to-capability fit and the spread of public capability scores, from a catalog (`who` for the error). */
export function catalogScales(catalog: readonly CatalogModel[], who: string) {
  const known = catalog.filter((m) => m.capability);
  if (known.length < 2) throw new Error(`${who} needs a catalog with capability scores for at least two models (TrainingData.catalog)`);
  const caps = known.map((m) => m.capability!.score);
  const mean = caps.reduce((a, b) => a + b, 0) / caps.length;
  // At least 0.05: public capability scores of current models spread about that much, and a catalog
  // with near-equal scores must not turn small differences into large ones.
  const sd = Math.max(0.05, Math.sqrt(caps.reduce((a, b) => a + (b - mean) ** 2, 0) / caps.length));
  return { priceFit: fitPriceToCapability(known), capabilityScale: { mean, sd } };
}

/** The four link inputs: standardised capability, strength match, difficulty, and their interaction. */
export function linkFeatures(
  st: Pick<State, 'capabilityScale' | 'domains'>,
  desc: Descriptor,
  needs: Float64Array,
  difficulty: number,
  long: boolean,
  out: Float32Array,
): void {
  const cap = (desc.capability - st.capabilityScale.mean) / st.capabilityScale.sd;
  let match = 0;
  st.domains.forEach((dom, k) => {
    if (desc.strengths.includes(dom)) match += needs[k]!;
  });
  if (long) match += desc.strengths.includes('long-context') ? 1 : -1;
  out[0] = cap;
  out[1] = Math.min(1, match);
  out[2] = difficulty;
  out[3] = cap * difficulty;
}

/** A descriptor-based router's state, models and costs for a new set of catalog models (its `serve`). */
export function serveCatalog<S extends { priceFit: z.infer<typeof priceFitSchema>; descriptors: Descriptor[] }>(
  st: S,
  models: readonly CatalogModel[],
  who: string,
) {
  if (models.length === 0) throw new Error(`${who}: serve at least one model`);
  return {
    learned: { ...st, descriptors: models.map((m) => describe(m, st.priceFit)) },
    models: models.map((m) => m.id),
    costs: CostModel.fromCatalog(models),
  };
}

/** Capability = intercept + slope x log(blended price), fitted on the models whose capability is public. */
function fitPriceToCapability(models: readonly CatalogModel[]): { intercept: number; slope: number } {
  const xs = models.map(logPrice);
  const ys = models.map((m) => m.capability!.score);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const slope = sxx > 0 ? xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / sxx : 0;
  return { intercept: my - slope * mx, slope };
}

const logPrice = (m: Pick<CatalogModel, 'input_price' | 'output_price'>) => Math.log(0.01 + (3 * m.input_price + m.output_price) / 4);

export function describe(model: CatalogModel | undefined, priceFit: { intercept: number; slope: number }): Descriptor {
  if (!model) return { capability: priceFit.intercept, strengths: [], capabilitySource: 'assumed' };
  if (model.capability) return { capability: model.capability.score, strengths: model.strengths, capabilitySource: 'catalog' };
  const estimate = Math.min(1, Math.max(0, priceFit.intercept + priceFit.slope * logPrice(model)));
  return { capability: estimate, strengths: model.strengths, capabilitySource: 'price' };
}

export function isAutoRouter(router: unknown): router is AutoRouter {
  return router instanceof AutoRouter;
}

/**
 * The domain net's targets: per sample and domain, 1 when the sample's task needs the domain (multilingual: also when
 * the query is not in English), masked out where the task's needs are unknown (except for multilingual).
 */
function domainTargets(
  samples: TrainingData['samples'],
  needs: readonly (Strength[] | undefined)[],
  domains: readonly Strength[],
): { dy: Float32Array; dmask: Uint8Array } {
  const dy = new Float32Array(samples.length * domains.length);
  const dmask = new Uint8Array(samples.length * domains.length);
  samples.forEach((s, i) => {
    const multilingual = detectLanguage(s.query) !== 'en';
    domains.forEach((dom, k) => {
      const need = needs[i];
      if (dom === 'multilingual')
        (dmask[i * domains.length + k] = 1), (dy[i * domains.length + k] = multilingual || need?.includes(dom) ? 1 : 0);
      else if (need) (dmask[i * domains.length + k] = 1), (dy[i * domains.length + k] = need.includes(dom) ? 1 : 0);
    });
  });
  return { dy, dmask };
}

/** The difficulty net's target per sample: the share of its ran models that failed it (0.5 when none ran). */
function difficultyTargets(sm: ReturnType<typeof scoreMatrix>, n: number): Float32Array {
  const difficulty = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0,
      c = 0;
    for (let j = 0; j < sm.m; j++) if (sm.ran[i * sm.m + j]) (s += sm.scores[i * sm.m + j]!), c++;
    difficulty[i] = c ? 1 - s / c : 0.5;
  }
  return difficulty;
}
