// On-device routing off the main thread: holds the router in use (built-in by name, or a trained router
// file) and answers each query with the router's estimates, its explanation and the shared decision.
import { serve } from './rpc.ts';
import { loadRouter, routerEntry } from '../core/routers/registry.ts';
import { decide, type Policy } from '../core/routers/decide.ts';
import type { RouteQuery, Router, RouterFile } from '../core/routers/router.ts';
import type { CatalogModel } from '../core/catalog/model.ts';

/** The router to route with: a saved file, or a built-in one fitted on the catalog alone (model-agnostic). */
export type RouterSpec = { file: RouterFile } | { name: string; options?: Record<string, unknown> };

let router: Router | undefined;

export const routeHandlers = {
  async use(args: { spec: RouterSpec; catalog: CatalogModel[]; models: string[] }) {
    if ('file' in args.spec) router = loadRouter(args.spec.file);
    else {
      const fresh = routerEntry(args.spec.name).create(args.spec.options);
      await fresh.fit({ samples: [], embeddings: [], models: args.models, catalog: args.catalog });
      router = fresh;
    }
    return { name: router.name, needsEmbedding: router.needsEmbedding, models: router.toJSON().models };
  },
  async route(args: { query: RouteQuery; policy: Policy }) {
    if (!router) throw new Error('no router loaded');
    const started = performance.now();
    const prediction = await router.predict(args.query);
    const decision = decide(prediction.estimates, args.policy);
    return { router: router.name, prediction, decision, ms: performance.now() - started };
  },
};

serve(routeHandlers);
