// The one router contract (DESIGN.md, "Routers"), in the spirit of RouteLLM's Router base class and
// scikit-learn's estimators. A `Router` is what every caller routes with: trained by `fit`, answering `predict`
// with per-model estimates and an explanation, serialised to versioned JSON (`toJSON`). A `RouterKind` is what the
// registry holds under a name: the router's declared input, description and options schema (defaults visible
// through `optionDefaults`), and how to `create` or `load` one. Offline routers are declarative specs run by one
// generic runtime (runtime.ts: `defineRouter`); online and feedback routers (learn/) have their own small
// interfaces and files. Routers built from other routers receive the registry as an argument (`RouterContext`).
import type { z } from 'zod';
import type { EncoderRecord } from '../embed/encoder-record.ts';
import type { RoutingSample } from '../data/sample.ts';
import type { CatalogModel } from '../catalog/model.ts';
import type { Complete } from './complete.ts';

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
 * the encoder runtime over a classifier's model folder, for the bert router; the registry, for routers built
 * from other routers (rules, ensemble, feedback, online warm starts). */
export interface RouterContext {
  complete?: Complete;
  openClassifier?: (model: string, options: { quantized: boolean }) => Promise<TextClassifier>;
  registry?: Registry;
}

/** A router's estimated quality of every model for one query (in its model order), with the explanation. */
export interface Scored {
  quality: ArrayLike<number>;
  explanation: Explanation;
  /** Index of the model whose entry in `quality` is a decision threshold, not a predicted quality. */
  threshold?: number;
}

/** What every router answers, whatever its kind (offline, online, a feedback layer): what callers route with. */
export interface Router {
  /** The name the router answers to (as the user reads it). */
  readonly name: string;
  /** What `predict` reads (for a composite router, the widest of its parts'). */
  readonly input: RouterInput;
  /** Estimates from the text alone when a query comes without its embedding (a coarser tier its explanation names). */
  readonly textTier: boolean;
  /** Whether `serve` can point it at catalog models it was not trained on (irt, auto, bert's model-agnostic path). */
  readonly retargetable: boolean;
  fit(data: TrainingData, control?: FitControl): Promise<void>;
  predict(query: RouteQuery): Promise<Prediction>;
  /** Serve these catalog models (only when `retargetable`). */
  serve(models: readonly CatalogModel[]): void;
  toJSON(): RouterFile;
}

/** A router as the registry holds it under a name: its declaration, and how to build or load one. */
export interface RouterKind<R extends Router = Router> {
  readonly routerName: string;
  /** One line for `llmrouter list-routers` and the app's pickers. */
  readonly description: string;
  /** What its routers read; 'provider': it calls models to route (the CLI builds it on the spot). */
  readonly input: RouterInput;
  /** True for routers that read the true outcomes (the oracle): evaluation fits them on the test set. */
  readonly evaluationOnly: boolean;
  /** Made from a trained router (local learning's feedback layer), not trained on a dataset: offline evaluation skips it. */
  readonly fromRouter: boolean;
  /** Learns from each routed call's outcome as it comes (bandit feedback): evaluated by `llmrouter simulate`. */
  readonly online: boolean;
  readonly optionsSchema: z.ZodType;
  create(options?: Record<string, unknown>, context?: RouterContext): R;
  /** A trained router from its file (envelope already checked). */
  load(file: RouterFile, context?: RouterContext): R;
  /** Each option with the value it takes when left out: its default, or "optional" / "required". */
  optionDefaults(): Record<string, unknown>;
}

/** The routers by name (registry.ts): composite routers get it as an argument to build and load their parts. */
export interface Registry {
  kind(name: string): RouterKind;
  create(name: string, options?: Record<string, unknown>, context?: RouterContext): Router;
  /** A trained router from the parsed JSON of a router file, with a clear error when it is not one. */
  load(value: unknown, context?: RouterContext): Router;
}

/** The registry a composite router was given, or an error naming the router that needs it. */
export function registryOf(context: RouterContext, router: string): Registry {
  if (!context.registry) throw new Error(`router "${router}" builds other routers: create or load it through the registry`);
  return context.registry;
}
