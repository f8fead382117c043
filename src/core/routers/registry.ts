// Every router by the name the CLI and the app use, with what it needs and how to build or load it.
import type { Router, RouterFile } from './router.ts';
import type { Complete } from './complete.ts';
import { parseEnvelope } from './shared/router-file.ts';
import { randomRouter } from './random.ts';
import { cheapestRouter } from './cheapest.ts';
import { bestSingleRouter } from './best-single.ts';
import { oracleRouter } from './oracle.ts';
import { knnRouter } from './knn.ts';
import { logregRouter } from './logreg.ts';
import { mlpRouter } from './mlp.ts';
import { svmRouter } from './svm.ts';
import { mfRouter } from './mf.ts';
import { eloRouter } from './elo.ts';
import { swRankingRouter } from './sw-ranking.ts';
import { routerDcRouter } from './routerdc.ts';
import { hybridLlmRouter } from './hybrid-llm.ts';
import { graphRouter } from './graph.ts';
import { makeRulesRouter } from './rules.ts';
import { autoRouter } from './auto.ts';
import { automixRouter } from './automix.ts';
import { llmRouter } from './llm-router.ts';
import { bertRouter } from './bert.ts';
import { makeEnsembleRouter } from './ensemble.ts';

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

export interface RouterEntry {
  /** One line for `llmrouter list-routers` and the app's picker. */
  description: string;
  /** What the router reads: a query embedding, only the text, or calls to a provider. */
  input: 'embedding' | 'text' | 'provider';
  /** True for routers that read the true outcomes (the oracle): evaluation fits them on the test set. */
  evaluationOnly: boolean;
  /** Every option with its default ("required" or "optional" when it has none), for `list-routers --options`. */
  optionDefaults(): Record<string, unknown>;
  create(options?: Record<string, unknown>, context?: RouterContext): Router;
  load(file: RouterFile, context?: RouterContext): Router;
}

export const routers: Record<string, RouterEntry> = {
  random: randomRouter,
  cheapest: cheapestRouter,
  smallest: cheapestRouter,
  'best-single': bestSingleRouter,
  largest: bestSingleRouter,
  oracle: oracleRouter,
  knn: knnRouter,
  svm: svmRouter,
  mlp: mlpRouter,
  logreg: logregRouter,
  mf: mfRouter,
  elo: eloRouter,
  'sw-ranking': swRankingRouter,
  routerdc: routerDcRouter,
  'hybrid-llm': hybridLlmRouter,
  graph: graphRouter,
  rules: makeRulesRouter(routerEntry),
  auto: autoRouter,
  automix: automixRouter,
  'llm-router': llmRouter,
  bert: bertRouter,
  ensemble: makeEnsembleRouter(routerEntry),
};

export function routerEntry(name: string): RouterEntry {
  // (a function declaration: hoisted, so the table above can hand it to routers that build others)
  const entry = routers[name];
  if (!entry) throw new Error(`unknown router "${name}"; known routers: ${Object.keys(routers).join(', ') || '(none)'}`);
  return entry;
}

/** A trained router from the parsed JSON of a router file, with a clear error when it is not one. */
export function loadRouter(value: unknown, context?: RouterContext): Router {
  const file = parseEnvelope(value);
  return routerEntry(file.router).load(file, context);
}
