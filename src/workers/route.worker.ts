// On-device routing off the main thread: holds the router in use (the shipped default, or a trained router
// file; a model-agnostic router is pointed at the user's models) and answers each query with the router's estimates, its explanation and the shared decision.
import { serve } from './rpc.ts';
import { loadRouter } from '../core/routers/registry.ts';
import { decide, type Policy } from '../core/routers/decide.ts';
import type { RouteQuery, Router, RouterFile } from '../core/routers/router.ts';
import type { CatalogModel } from '../core/catalog/model.ts';

/** The router to route with: a trained file, or the URL of a shipped one (the app's default). */
export type RouterSpec = { file: RouterFile } | { url: string };

/** Routers that can serve models they were not trained on (the model-agnostic `auto`). */
interface Retargetable {
  serve(models: readonly CatalogModel[]): void;
}

let router: Router | undefined;

export const routeHandlers = {
  async use(args: { spec: RouterSpec; catalog: CatalogModel[]; models: string[] }) {
    router = loadRouter('file' in args.spec ? args.spec.file : await fetchRouterFile(args.spec.url));
    if ('serve' in router) (router as Router & Retargetable).serve(args.models.map((id) => args.catalog.find((m) => m.id === id)!).filter(Boolean));
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

async function fetchRouterFile(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the default router ${url} could not be read (HTTP ${res.status})`);
  return res.json();
}

serve(routeHandlers);
