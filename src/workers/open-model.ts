// Opens a transformers.js-format model in a worker with the browser's runtime (WebGPU or WASM as the backend
// preference says, WASM when WebGPU fails): the encoder in the embedding worker, the bert router's classifier in
// the routing worker. Built-in models come from the app's folder; hub and URL models from the Cache API, or the
// network (the hub only while the user allows downloads).
import { locateModel, modelEnv, type ModelLocation } from '../core/embed/model-env.ts';
import { fetchModelSource, type ModelSource } from '../core/embed/model-source.ts';
import { OnnxEmbedder } from '../core/embed/onnx-embedder.ts';
import type { OnnxEmbedderOptions } from '../core/embed/encoder-options.ts';
import { browserDevices, type BrowserRuntimeOptions } from '../platform/browser/ort-env.ts';

export interface OpenModelOptions extends BrowserRuntimeOptions, OnnxEmbedderOptions {
  /** Absolute URL of the built-in models' folder. */
  builtinModels: string;
  /** Whether hub models may be downloaded. */
  allowHub?: boolean;
}

const TRANSFORMERS_CACHE = 'transformers-cache'; // transformers.js's Cache API store (env.cacheKey)

export async function openModel(name: string, options: OpenModelOptions): Promise<OnnxEmbedder> {
  Object.assign(modelEnv, { builtinModels: options.builtinModels, allowHub: options.allowHub ?? false });
  const where = locateModel(name);
  const source = browserModelSource(where, options.revision);
  const devices = await browserDevices(options);
  for (const [i, device] of devices.entries()) {
    try {
      return await OnnxEmbedder.load(where, source, device, options);
    } catch (e) {
      if (i === devices.length - 1) throw e;
    }
  }
  throw new Error('no device to run the model on');
}

/** Reads a model's files: a built-in from the app's folder; a hub or URL model through transformers.js's Cache API
 * store (what is fetched is kept there, so it is read again offline), the hub only while downloads are allowed. */
function browserModelSource(where: ModelLocation, revision = 'main'): ModelSource {
  if (where.kind === 'builtin') return fetchModelSource(`${where.base}${where.id}/`);
  const folder = where.kind === 'hub' ? `${modelEnv.hub}${where.id}/resolve/${encodeURIComponent(revision)}/` : `${where.base}${where.id}/`;
  const cachedFetch: typeof fetch = async (input) => {
    const url = String(input);
    const cache = await caches.open(TRANSFORMERS_CACHE);
    const hit = await cache.match(url);
    if (hit) return hit;
    if (where.kind === 'hub' && !modelEnv.allowHub)
      throw new Error(`${where.name} is not on this device and downloads from the hub are off (Settings → Encoder)`);
    const res = await fetch(url);
    if (res.ok) await cache.put(url, res.clone()).catch(() => undefined); // storage full: the model still loads
    return res;
  };
  return fetchModelSource(folder, cachedFetch);
}
