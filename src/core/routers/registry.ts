// Every router by the name the CLI and the app use (RouteLLM's ROUTER_CLS): one line per router. Build one with
// `createRouter(name, options, context)`, load a trained one from its file with `loadRouter`; both hand the
// registry to the router, so routers built from others (rules, ensemble, feedback, online) find their parts.
import type { Registry, Router, RouterContext, RouterKind } from './router.ts';
import { parseEnvelope } from './shared/router-file.ts';
import { RandomRouter } from './random.ts';
import { CheapestRouter } from './cheapest.ts';
import { BestSingleRouter } from './best-single.ts';
import { OracleRouter } from './oracle.ts';
import { KnnRouter } from './knn.ts';
import { ClusterRouter } from './cluster.ts';
import { LogregRouter } from './logreg.ts';
import { MlpRouter } from './mlp.ts';
import { SvmRouter } from './svm.ts';
import { MfRouter } from './mf.ts';
import { EloRouter } from './elo.ts';
import { SwRankingRouter } from './sw-ranking.ts';
import { RouterDcRouter } from './routerdc.ts';
import { HybridLlmRouter } from './hybrid-llm.ts';
import { GraphRouter } from './graph.ts';
import { RulesRouter } from './rules.ts';
import { AutoRouter } from './auto.ts';
import { IrtRouter } from './irt.ts';
import { AutomixRouter } from './automix.ts';
import { LlmRouter } from './llm-router.ts';
import { BertRouter } from './bert.ts';
import { EnsembleRouter } from './ensemble.ts';
import { FeedbackLayer } from '../learn/feedback-layer.ts';
import { onlineKind } from '../learn/online-router.ts';

export const routers: Record<string, RouterKind> = {
  random: RandomRouter,
  cheapest: CheapestRouter,
  smallest: CheapestRouter,
  'best-single': BestSingleRouter,
  largest: BestSingleRouter,
  oracle: OracleRouter,
  knn: KnnRouter,
  cluster: ClusterRouter,
  svm: SvmRouter,
  mlp: MlpRouter,
  logreg: LogregRouter,
  mf: MfRouter,
  elo: EloRouter,
  'sw-ranking': SwRankingRouter,
  routerdc: RouterDcRouter,
  'hybrid-llm': HybridLlmRouter,
  graph: GraphRouter,
  rules: RulesRouter,
  auto: AutoRouter,
  irt: IrtRouter,
  automix: AutomixRouter,
  'llm-router': LlmRouter,
  bert: BertRouter,
  ensemble: EnsembleRouter,
  feedback: FeedbackLayer,
  linucb: onlineKind('linucb'),
  'lin-ts': onlineKind('lin-ts'),
  'epsilon-greedy': onlineKind('epsilon-greedy'),
};

/** A registry over a table of routers (the app's is `registry`; tests may add their own entries). */
export function makeRegistry(table: Readonly<Record<string, RouterKind>>): Registry {
  const registry: Registry = {
    kind(name) {
      const kind = table[name];
      if (!kind) throw new Error(`unknown router "${name}"; known routers: ${Object.keys(table).join(', ') || '(none)'}`);
      return kind;
    },
    create: (name, options = {}, context = {}) => registry.kind(name).create(options, { ...context, registry }),
    load(value, context = {}) {
      const file = parseEnvelope(value);
      return registry.kind(file.router).load(file, { ...context, registry });
    },
  };
  return registry;
}

export const registry = makeRegistry(routers);

/** The router registered under `name`, with a clear error naming the known ones. */
export function routerClass(name: string): RouterKind {
  return registry.kind(name);
}

/** A new (untrained) router by name, from raw options checked against its schema. */
export function createRouter(name: string, options?: Record<string, unknown>, context?: RouterContext): Router {
  return registry.create(name, options, context);
}

/** A trained router from the parsed JSON of a router file, with a clear error when it is not one. */
export function loadRouter(value: unknown, context?: RouterContext): Router {
  return registry.load(value, context);
}
