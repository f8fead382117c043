// Every router class by the name the CLI and the app use (RouteLLM's ROUTER_CLS): build one with
// `routerClass(name).create(options, context)`, load a trained one from its file with `loadRouter`.
import type { Router, RouterClass, RouterContext } from './router.ts';
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
import { makeRulesRouter } from './rules.ts';
import { AutoRouter } from './auto.ts';
import { IrtRouter } from './irt.ts';
import { AutomixRouter } from './automix.ts';
import { LlmRouter } from './llm-router.ts';
import { BertRouter } from './bert.ts';
import { makeEnsembleRouter } from './ensemble.ts';
import { makeFeedbackRouter } from '../learn/feedback-layer.ts';
import { makeOnlineRouter } from '../learn/online-router.ts';

export const routers: Record<string, RouterClass> = {
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
  rules: makeRulesRouter(routerClass),
  auto: AutoRouter,
  irt: IrtRouter,
  automix: AutomixRouter,
  'llm-router': LlmRouter,
  bert: BertRouter,
  ensemble: makeEnsembleRouter(routerClass),
  feedback: makeFeedbackRouter(loadRouter),
  linucb: makeOnlineRouter('linucb', routerClass, loadRouter),
  'lin-ts': makeOnlineRouter('lin-ts', routerClass, loadRouter),
  'epsilon-greedy': makeOnlineRouter('epsilon-greedy', routerClass, loadRouter),
};

export function routerClass(name: string): RouterClass {
  // (a function declaration: hoisted, so the table above can hand it to routers that build others)
  const cls = routers[name];
  if (!cls) throw new Error(`unknown router "${name}"; known routers: ${Object.keys(routers).join(', ') || '(none)'}`);
  return cls;
}

/** A trained router from the parsed JSON of a router file, with a clear error when it is not one. */
export function loadRouter(value: unknown, context?: RouterContext): Router {
  const file = parseEnvelope(value);
  return routerClass(file.router).load(file, context);
}
