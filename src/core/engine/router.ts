// A loaded router as the engine's `EngineRouter`: predict and decide by the shared rule, or, for a router that
// learns online, its own choice (which may explore). Named as the user reads it: a router corrected by feedback
// says so. The routing worker, the CLI and the gateway route through it.
import { isFeedbackLayer } from '../learn/feedback-layer.ts';
import { isOnlineRouter } from '../learn/online-router.ts';
import { decide, type Policy } from '../routers/decide.ts';
import type { RouteQuery, Router } from '../routers/router.ts';
import type { EngineRouter } from './types.ts';

export function routerLabel(router: Router): string {
  return isFeedbackLayer(router) ? `${router.baseRouter.name} + feedback` : router.name;
}

/** The router's estimates and decision for a query; an online router explores within its ceiling. */
export async function routeWith(router: Router, query: RouteQuery, policy: Policy) {
  if (isOnlineRouter(router)) return router.choose(query, policy);
  const prediction = await router.predict(query);
  return { prediction, decision: decide(prediction.estimates, policy) };
}

export function engineRouter(router: Router): EngineRouter {
  return {
    name: routerLabel(router),
    input: router.input,
    route: (query, policy) => routeWith(router, query, policy),
  };
}
