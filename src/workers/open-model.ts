// Opens a transformers.js-format model in a worker with the browser's runtime (WebGPU or WASM as the backend
// preference says, WASM when WebGPU fails): the encoder in the embedding worker, the bert router's classifier in
// the routing worker. Built-in models come from the app's folder; hub models from the Cache API, or the hub when
// the user allows downloads.
import { locateModel, modelEnv, type ModelLocation } from '../core/embed/model-env.ts';
import { fetchModelSource, type ModelSource } from '../core/embed/model-source.ts';
import { OnnxEmbedder, type OnnxEmbedderOptions } from '../core/embed/onnx-embedder.ts';
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

/** Reads a model's files: from its folder, or for a hub model from the Cache API first, the hub only when allowed. */
function browserModelSource(where: ModelLocation, revision = 'main'): ModelSource {
  if (where.kind !== 'hub') return fetchModelSource(`${where.base}${where.id}/`);
  const folder = `${modelEnv.hub}${where.id}/resolve/${encodeURIComponent(revision)}/`;
  const cachedFetch: typeof fetch = async (input) => {
    const url = String(input);
    const hit = await caches.open(TRANSFORMERS_CACHE).then((c) => c.match(url)).catch(() => undefined);
    if (hit) return hit;
    if (!modelEnv.allowHub) throw new Error(`${where.name} is not on this device and downloads from the hub are off (Settings → Encoder)`);
    return fetch(url);
  };
  return fetchModelSource(folder, cachedFetch);
}
