// The one interface every router implements (DESIGN.md, "Routers"): built from options, trained by
// `fit`, answering `predict` with per-model estimates and an explanation, serialised to versioned JSON.
import type { RoutingSample } from '../data/sample.ts';
import type { CatalogModel } from '../catalog/model.ts';

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
}

export interface Router<Options = unknown> {
  readonly name: string;
  readonly options: Options;
  /** Whether `predict` needs `RouteQuery.embedding`. */
  readonly needsEmbedding: boolean;
  fit(data: TrainingData, control?: FitControl): Promise<void>;
  predict(query: RouteQuery): Promise<Prediction>;
  toJSON(): RouterFile;
}
