// On-device routing off the main thread: holds the router in use (a shipped one, or a trained router file; a
// model-agnostic router is pointed at the user's models) and answers each query with the router's estimates, its
// explanation and the shared decision. A router with a classifier (bert) opens it here, on the user's encoder backend.
import { serve } from './rpc.ts';
import { openModel } from './open-model.ts';
import { loadRouter } from '../core/routers/registry.ts';
import type { BackendPreference } from '../platform/browser/ort-env.ts';
import { decide, type Policy } from '../core/routers/decide.ts';
import type { RouteQuery, Router, RouterFile, TextClassifier } from '../core/routers/router.ts';
import type { CatalogModel } from '../core/catalog/model.ts';

/** The router to route with: a trained file, or the URL of a shipped one (auto, bert). */
export type RouterSpec = { file: RouterFile } | { url: string };

/** Where a router's classifier comes from: model folders under `modelsUrl`, on the preferred backend. */
export interface ClassifierPlace {
  modelsUrl: string;
  prefer: BackendPreference;
}

/** Routers that can serve models they were not trained on (the model-agnostic `auto`). */
interface Retargetable {
  serve(models: readonly CatalogModel[]): void;
}

let router: Router | undefined;
/** Classifiers opened so far, by folder, quantization and backend: a router reloaded for other models reuses its own. */
const classifiers = new Map<string, Promise<TextClassifier>>();

function classifierOpener(place: ClassifierPlace) {
  return (model: string, { quantized }: { quantized: boolean }): Promise<TextClassifier> => {
    const folder = new URL(`${model}/`, place.modelsUrl).href;
    const key = JSON.stringify([folder, quantized, place.prefer]);
    if (!classifiers.has(key)) {
      const opening = openModel(folder, { prefer: place.prefer, quantized });
      opening.catch(() => classifiers.delete(key)); // a later load may retry
      classifiers.set(key, opening);
    }
    return classifiers.get(key)!;
  };
}

export const routeHandlers = {
  async use(args: { spec: RouterSpec; classifiers: ClassifierPlace; catalog: CatalogModel[]; models: string[] }) {
    const file = 'file' in args.spec ? args.spec.file : await fetchRouterFile(args.spec.url);
    router = loadRouter(file, { openClassifier: classifierOpener(args.classifiers) });
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
  if (!res.ok) throw new Error(`the shipped router ${url} could not be read (HTTP ${res.status})`);
  return res.json();
}

serve(routeHandlers);
