// The router used in chat: a built-in one (the default irt, the earlier auto, or the shipped bert classifier) or a trained router
// saved from the lab or from local learning (kept in IndexedDB's `routers` store), and the routing worker that runs it.
import { create } from 'zustand';
import type { CatalogModel } from '../../core/catalog/model.ts';
import type { Policy } from '../../core/routers/decide.ts';
import type { RouteQuery, RouterFile, RouterInput } from '../../core/routers/router.ts';
import { BERT_MODEL } from '../../core/routers/bert.ts';
import { DEFAULT_ROUTER, SHIPPED_ROUTERS } from '../../core/routers/default-router.ts';
import { routers } from '../../core/routers/registry.ts';
import { allRecords, deleteRecord, putRecord } from '../../platform/browser/records.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';
import { WorkerClient } from '../worker-client.ts';
import { encoderPreference } from './encoder.ts';
import { modelEnv } from '../../core/embed/model-env.ts';
import type { EncoderRecord } from '../../core/embed/encoder-record.ts';
import type { RefitArgs, RouterSpec, UseArgs, routeHandlers } from '../../workers/route.worker.ts';
import type { Strategy } from '../../core/learn/online-router.ts';

const KEY = 'router';
export { DEFAULT_ROUTER };

/** The routers shipped with the app: where each router file is served (under the app's base path), and its name in the picker. */
export const BUILTIN_ROUTERS: Record<string, { path: string; label: string }> = {
  irt: {
    path: SHIPPED_ROUTERS.irt!,
    label: "irt (built-in default: skills and difficulty vs. each model's abilities, works with any models)",
  },
  auto: { path: SHIPPED_ROUTERS.auto!, label: 'auto (earlier built-in, works with any models)' },
  bert: { path: `models/${BERT_MODEL}/router.json`, label: 'bert (fine-tuned classifier, shipped)' },
};

export interface SavedRouter {
  id: string;
  /** The name the user saved it under. */
  label: string;
  createdAt: number;
  origin: 'lab' | 'learning' | 'online';
  file: RouterFile;
  /** What it was trained on, for the record. */
  trainedOn?: string;
  /** The lab dataset it was trained on. */
  datasetId?: string;
  /** For a router retrained from feedback: the router it corrects (retraining again starts from that one). */
  basedOn?: { choice: RouterChoice; label: string };
}

/** The built-in router by name, or a saved one by id. */
export type RouterChoice = { builtin: string } | { saved: string };

interface RouterStore {
  choice: RouterChoice;
  saved: SavedRouter[];
  loaded: boolean;
  load(): Promise<void>;
  choose(choice: RouterChoice): Promise<void>;
  save(router: SavedRouter, use?: boolean): Promise<void>;
  remove(id: string): Promise<void>;
}

export const useRouter = create<RouterStore>((set, get) => ({
  choice: { builtin: DEFAULT_ROUTER },
  saved: [],
  loaded: false,
  async load() {
    const [choice, saved] = await Promise.all([loadSetting<RouterChoice>(KEY), allRecords<SavedRouter>('routers')]);
    set({ choice: choice ?? get().choice, saved: saved.sort((a, b) => b.createdAt - a.createdAt), loaded: true });
  },
  async choose(choice) {
    set({ choice });
    await saveSetting(KEY, choice);
  },
  async save(router, use = false) {
    await putRecord('routers', router);
    set({ saved: [router, ...get().saved.filter((r) => r.id !== router.id)] });
    if (use) await get().choose({ saved: router.id });
  },
  async remove(id) {
    await deleteRecord('routers', id);
    set({ saved: get().saved.filter((r) => r.id !== id) });
    const choice = get().choice;
    if ('saved' in choice && choice.saved === id) await get().choose({ builtin: DEFAULT_ROUTER });
  },
}));

/** A short name for the router in use. */
export function routerLabel(choice: RouterChoice, saved: readonly SavedRouter[]): string {
  if ('builtin' in choice) return choice.builtin;
  return saved.find((r) => r.id === choice.saved)?.label ?? 'saved router';
}

let worker: WorkerClient<typeof routeHandlers> | undefined;
type Loaded = { input: RouterInput; textTier: boolean; name: string; models: string[]; encoder: EncoderRecord };
/** The router the worker holds or is loading, by what it was loaded for: concurrent callers share one load. */
let using: { key: string; done: Promise<Loaded> } | undefined;

function routeWorker(): WorkerClient<typeof routeHandlers> {
  return (worker ??= new WorkerClient(new Worker(new URL('../../workers/route.worker.ts', import.meta.url), { type: 'module' })));
}

/** The chosen router's file or shipped URL, for these models, with where its classifier comes from. */
async function routerInUse(models: readonly string[], catalog: readonly CatalogModel[]): Promise<UseArgs> {
  const { choice, saved } = useRouter.getState();
  const file = 'saved' in choice ? saved.find((r) => r.id === choice.saved)?.file : undefined;
  const spec: RouterSpec = file ? { file } : { url: builtinRouterUrl('builtin' in choice ? choice.builtin : DEFAULT_ROUTER) };
  const classifiers = { modelsUrl: new URL(modelEnv.builtinModels, document.baseURI).href, prefer: await encoderPreference() };
  return {
    spec,
    classifiers,
    catalog: catalog.filter((m) => models.includes(m.id)),
    models: [...models],
    priorsUrl: builtinRouterUrl(DEFAULT_ROUTER),
  };
}

/** The chosen router, loaded in the routing worker for these models (reloaded when the choice or the models change;
 * an online router's state changes in the worker as it learns, so a saved router is known by its id). */
export async function activeRouter(models: readonly string[], catalog: readonly CatalogModel[]) {
  const client = routeWorker();
  const use = await routerInUse(models, catalog);
  const key = JSON.stringify([useRouter.getState().choice, 'url' in use.spec ? use.spec.url : '', use.classifiers, use.models]);
  if (using?.key !== key) {
    const done = client.call('use', use);
    using = { key, done };
    done.catch(() => {
      if (using?.done === done) using = undefined;
    });
  }
  return {
    ...(await using.done),
    route: async (query: RouteQuery, policy: Policy) => {
      const routed = await client.call('route', { query, policy });
      if ('file' in routed && routed.file) await keepOnlineState(routed.file);
      return routed;
    },
  };
}

/** Starts learning online (LinUCB, linear Thompson sampling, epsilon-greedy) from the router in use, and uses it. */
export async function startOnline(strategy: Strategy, models: readonly string[], catalog: readonly CatalogModel[]): Promise<void> {
  const { choice, saved, save } = useRouter.getState();
  const base = routerLabel(choice, saved);
  const file = await routeWorker().call('startOnline', { use: await routerInUse(models, catalog), strategy });
  await save(
    {
      id: crypto.randomUUID(),
      label: `${strategy} over ${base}`,
      createdAt: Date.now(),
      origin: 'online',
      file,
      trainedOn: `${base}, then your feedback as it comes`,
    },
    true,
  );
}

/** Gives the online router in use one outcome (see route.worker.ts `learn`); other routers ignore it. */
export async function learnOnline(
  models: readonly string[],
  catalog: readonly CatalogModel[],
  outcome: { query: RouteQuery; model: string; reward: number; previous?: number },
) {
  const { choice, saved } = useRouter.getState();
  const inUse = 'saved' in choice ? saved.find((r) => r.id === choice.saved)?.file : undefined;
  if (!inUse || !routers[inUse.router]?.online) return;
  await activeRouter(models, catalog);
  const learned = await routeWorker().call('learn', outcome);
  if (learned) await keepOnlineState(learned);
}

/** Saves the online router's new state in place (same id: the worker already holds it). */
async function keepOnlineState(file: RouterFile): Promise<void> {
  const { choice, saved, save } = useRouter.getState();
  const current = 'saved' in choice ? saved.find((r) => r.id === choice.saved) : undefined;
  if (current) await save({ ...current, file });
}

/** Retrains the router in use (for these models) from logged samples, in the routing worker; see route.worker.ts. */
export async function refitRouterInUse(models: readonly string[], catalog: readonly CatalogModel[], logged: Omit<RefitArgs, 'use'>) {
  return routeWorker().call('refit', { use: await routerInUse(models, catalog), ...logged });
}

/** Where a built-in router's file is served, under the app's base path (an unknown name, from an older app, is the default). */
export function builtinRouterUrl(name: string): string {
  return new URL((BUILTIN_ROUTERS[name] ?? BUILTIN_ROUTERS[DEFAULT_ROUTER]!).path, document.baseURI).href;
}

/** Where the shipped default router file is served, under the app's base path. */
export function defaultRouterUrl(): string {
  return builtinRouterUrl(DEFAULT_ROUTER);
}
