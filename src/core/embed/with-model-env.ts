// Hands the model env (model-env.ts) to transformers.js's global `env` for one load at a time.
import { env, LogLevel } from '@huggingface/transformers';
import { modelEnv, type ModelLocation } from './model-env.ts';

let queue: Promise<unknown> = Promise.resolve();

/** Runs a transformers.js load with its env pointed at this model's location. transformers.js's env is global, so
 * loads are run one at a time. */
export function withModelEnv<T>(where: ModelLocation, load: () => Promise<T>): Promise<T> {
  const run = async () => {
    const remote = where.kind === 'hub' || where.kind === 'url';
    // transformers.js reads "local" folders by path only (it skips http URLs there): the app's own folder is given as
    // a path on this origin; a model at any other URL is read as a remote repository whose host is that folder.
    env.allowLocalModels = !remote;
    env.allowRemoteModels = remote; // a hub model is read from the cache first; the caller's source refuses downloads not allowed
    env.localModelPath = onThisOrigin(where.base);
    env.remoteHost = where.kind === 'url' ? where.base : modelEnv.hub;
    env.remotePathTemplate = where.kind === 'url' ? '{model}/' : '{model}/resolve/{revision}/';
    env.useBrowserCache = remote; // built-ins are precached by the service worker
    env.useWasmCache = false; // ORT's wasm comes from the app's origin, precached by the service worker
    env.fetch = gatedFetch;
    env.logLevel = LogLevel.ERROR; // not its warning that USE-lite's model type is unknown (the base class runs it)
    if (modelEnv.cacheDir) env.cacheDir = modelEnv.cacheDir;
    const wasm = env.backends.onnx.wasm;
    if (wasm && modelEnv.wasmPaths) wasm.wasmPaths = { ...modelEnv.wasmPaths };
    if (wasm) wasm.numThreads = modelEnv.threads;
    return load();
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** fetch, refusing the hub while downloads from it are off (a cached hub model is read without fetching). */
const gatedFetch: typeof fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!modelEnv.allowHub && url.startsWith(modelEnv.hub))
    return Promise.reject(new Error(`downloads from ${modelEnv.hub} are off: ${url} was not fetched`));
  return fetch(input, init);
};

/** A URL on the page's own origin as a path (transformers.js fetches local folders by path); anything else as given. */
function onThisOrigin(base: string): string {
  const page = (globalThis as { location?: { origin: string } }).location;
  if (!page || !/^https?:\/\//.test(base)) return base;
  const url = new URL(base);
  return url.origin === page.origin ? url.pathname : base;
}
