// On-device routing off the main thread: holds the router in use (a shipped one, or a trained router file; a
// model-agnostic router is pointed at the user's models) and answers each query with the router's estimates, its
// explanation and the shared decision. A router with a classifier (bert) opens it here, on the user's encoder backend.
// Retraining from feedback runs here too (the router in use, served to the user's models, with its classifier), and
// an online router routes here (exploring within its ceiling) and learns each outcome as it comes.
import { serve } from './rpc.ts';
import { openModel } from './open-model.ts';
import { loadRouter, createRouter } from '../core/routers/registry.ts';
import type { BackendPreference } from '../platform/browser/ort-env.ts';
import { decide, type Policy } from '../core/routers/decide.ts';
import { encoderOfFile } from '../core/routers/shared/router-encoder.ts';
import type { RouteQuery, Router, RouterFile, TextClassifier } from '../core/routers/router.ts';
import type { CatalogModel } from '../core/catalog/model.ts';
import type { RoutingSample } from '../core/data/sample.ts';
import { isFeedbackLayer, type FeedbackOptions } from '../core/learn/feedback-layer.ts';
import { refitWithFeedback, type RefitCheck } from '../core/learn/retrain.ts';
import { isOnlineRouter, type Strategy } from '../core/learn/online-router.ts';
import { WithPriors, withPriorsFor } from '../core/routers/with-priors.ts';
import { sameEncoder, type EncoderRecord } from '../core/embed/encoder-record.ts';
import { routeWith, routerLabel } from '../core/engine/router.ts';

/** The router to route with: a trained file, or the URL of a shipped one (auto, bert). */
export type RouterSpec = { file: RouterFile } | { url: string };

/** Where a router's classifier comes from: model folders under `modelsUrl`, on the preferred backend. */
export interface ClassifierPlace {
  modelsUrl: string;
  prefer: BackendPreference;
}

let router: Router | undefined;
/** Classifiers opened so far, by model, quantization and backend: a router reloaded for other models reuses its own. */
const classifiers = new Map<string, Promise<TextClassifier>>();

function classifierOpener(place: ClassifierPlace) {
  return (model: string, { quantized }: { quantized: boolean }): Promise<TextClassifier> => {
    const key = JSON.stringify([model, quantized, place.prefer]);
    if (!classifiers.has(key)) {
      const opening = openModel(model, {
        builtinModels: place.modelsUrl,
        prefer: place.prefer,
        dtype: quantized ? 'q8' : 'fp32',
        longText: 'truncate',
      });
      opening.catch(() => classifiers.delete(key)); // a later load may retry
      classifiers.set(key, opening);
    }
    return classifiers.get(key)!;
  };
}

/** Which router to load and for which of the user's models. */
export interface UseArgs {
  spec: RouterSpec;
  classifiers: ClassifierPlace;
  catalog: CatalogModel[];
  models: string[];
  /** The shipped default router, which fills in the models a trained router does not know. */
  priorsUrl?: string;
}

export interface RefitArgs {
  /** The router in use: retraining corrects it (or, if it already carries feedback, the router under it). */
  use: UseArgs;
  samples: RoutingSample[];
  embeddings: Float32Array[];
  options: FeedbackOptions;
  lambda: number;
}

/** Per logged query: the model the router chose before retraining and the one it chooses after. */
export type Changes = { query: string; before: string; after: string }[];

/** A router file loaded for the user's models; a router with feedback gives the router under it when `unwrap`. */
async function load(args: UseArgs, unwrap = false): Promise<{ router: Router; file: RouterFile }> {
  const raw = 'file' in args.spec ? args.spec.file : await fetchRouterFile(args.spec.url);
  let loaded = loadRouter(raw, { openClassifier: classifierOpener(args.classifiers) });
  let file = raw as RouterFile;
  if (unwrap && isFeedbackLayer(loaded)) [loaded, file] = [loaded.baseRouter, loaded.baseRouterFile];
  if (loaded.retargetable) loaded.serve(args.models.map((id) => args.catalog.find((m) => m.id === id)!).filter(Boolean));
  return { router: loaded, file };
}

/** A trained router that knows only some of the user's models, completed by the shipped default's priors (same encoder only). */
async function completedWithPriors(loaded: Router, encoder: EncoderRecord, args: UseArgs): Promise<Router> {
  if (!args.priorsUrl) return loaded;
  let priorsFile: RouterFile | undefined;
  const openPriors = async () => {
    priorsFile = (await fetchRouterFile(args.priorsUrl!)) as RouterFile;
    return loadRouter(priorsFile);
  };
  const readsSameVectors = () => loaded.input !== 'embedding' || sameEncoder(encoderOfFile(priorsFile!), encoder);
  const wanted = args.models.flatMap((id) => args.catalog.find((m) => m.id === id) ?? []);
  return withPriorsFor(loaded, wanted, openPriors, readsSameVectors);
}

export const routeHandlers = {
  async use(args: UseArgs) {
    const loaded = await load(args);
    const encoder = encoderOfFile(isFeedbackLayer(loaded.router) ? loaded.router.baseRouterFile : loaded.file);
    router = await completedWithPriors(loaded.router, encoder, args);
    const sources = router instanceof WithPriors ? router.sources : undefined;
    const models = sources ? [...sources.trained, ...sources.priors] : router.toJSON().models;
    return {
      name: routerLabel(router),
      input: router.input,
      textTier: router.textTier,
      models,
      encoder,
      ...(sources ? { sources } : {}),
    };
  },
  /** Retrains the router in use from the logged samples, checked on held-out ones; changes are at `lambda`. */
  async refit(args: RefitArgs): Promise<{ file: RouterFile; check: RefitCheck; base: string; changes: Changes }> {
    const { router: base, file } = await load(args.use, true);
    const logged = { samples: args.samples, embeddings: args.embeddings, models: args.use.models };
    const { router: refitted, check } = await refitWithFeedback(file, base, logged, args.options);
    const policy = { lambda: args.lambda, allowed: args.use.models };
    const changes: Changes = [];
    for (const [i, s] of args.samples.entries()) {
      const query = { text: s.query, embedding: args.embeddings[i] };
      const [before, after] = [await base.predict(query), await refitted.predict(query)];
      changes.push({ query: s.query, before: decide(before.estimates, policy).model, after: decide(after.estimates, policy).model });
    }
    return { file: refitted.toJSON(), check, base: base.name, changes };
  },
  async route(args: { query: RouteQuery; policy: Policy }) {
    if (!router) throw new Error('no router loaded');
    const started = performance.now();
    const routed = await routeWith(router, args.query, args.policy);
    // An online router's routing moved its exploration counts: the new state, for the app to keep.
    const state = isOnlineRouter(router) ? { file: router.toJSON() } : {};
    return { router: routerLabel(router), ...routed, ms: performance.now() - started, ...state };
  },
  /** An online router of this strategy warm-started from the router in use (as served to the user's models). */
  async startOnline(args: { use: UseArgs; strategy: Strategy }): Promise<RouterFile> {
    const { router: base, file } = await load(args.use);
    const online = createRouter(args.strategy);
    if (!isOnlineRouter(online)) throw new Error(`router "${args.strategy}" does not learn online`);
    return online.over(file, base).toJSON();
  },
  /** One outcome for the online router in use (`previous`: the reward it already learned for this answer); its new
   * state, or nothing when the router in use does not learn online. */
  async learn(args: { query: RouteQuery; model: string; reward: number; previous?: number }): Promise<RouterFile | undefined> {
    if (!router || !isOnlineRouter(router)) return undefined;
    await router.update(args.query, args.model, args.reward, args.previous);
    return router.toJSON();
  },
};

async function fetchRouterFile(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the shipped router ${url} could not be read (HTTP ${res.status})`);
  return res.json();
}

serve(routeHandlers);
