// The encoder in Node (CLI, benchmarks, tests): the built-in USE-lite from public/models/use-lite, or any
// transformers.js-format folder by path, URL or hub id, on onnxruntime-web's WASM build.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchModelSource, modelFolderUrl, parseModelJson, type ModelSource } from '../../core/embed/model-source.ts';
import { BUILTIN_MODEL, OnnxEmbedder, type OnnxEmbedderOptions } from '../../core/embed/onnx-embedder.ts';
import { ortSessionOpener } from '../ort-session.ts';
import { CachedEmbedder } from './embedding-cache.ts';

const shippedModelsDir = fileURLToPath(new URL('../../../public/models/', import.meta.url));
export const builtinModelDir = join(shippedModelsDir, BUILTIN_MODEL);

/** A shipped model folder (public/models/NAME) when NAME is one, otherwise the name as given (a folder, URL or hub id). */
export function shippedModel(model: string): string {
  const dir = join(shippedModelsDir, model);
  return /^[\w.-]+$/.test(model) && existsSync(dir) ? dir : model;
}

export function dirModelSource(dir: string): ModelSource {
  const root = resolve(dir);
  const read = async (path: string) => {
    const file = join(root, path);
    try {
      return await readFile(file);
    } catch {
      throw new Error(`model file not found: ${file}`);
    }
  };
  return {
    id: `${root}/`,
    json: async (path) => parseModelJson((await read(path)).toString('utf8'), join(root, path)),
    bytes: async (path) => new Uint8Array(await read(path)),
  };
}

/** A directory when one exists at that path, otherwise a URL or hub id. */
export function nodeModelSource(model: string = builtinModelDir): ModelSource {
  if (existsSync(model)) return dirModelSource(model);
  if (/^https?:/.test(model) || /^[\w.-]+\/[\w.-]+$/.test(model)) return fetchModelSource(modelFolderUrl(model));
  throw new Error(`model not found: ${model} (give a folder, a URL or a hub id like Xenova/all-MiniLM-L6-v2)`);
}

export interface NodeEmbedderOptions extends OnnxEmbedderOptions {
  model?: string;
  /** WASM threads; default: one per core, at most 4. ORT reads this once per process, at its first session. */
  threads?: number;
}

/** An Embedder for Node that batches internally: `await (await createNodeEmbedder()).embed(texts)`. */
export function createNodeEmbedder(options: NodeEmbedderOptions = {}): Promise<OnnxEmbedder> {
  const threads = options.threads ?? Math.min(4, availableParallelism());
  return OnnxEmbedder.load(nodeModelSource(options.model), ortSessionOpener({ backend: 'wasm', threads }), options);
}

/** The bert router's classifier in Node (RouterContext.openClassifier): its model folder on the WASM runtime. */
export const openNodeClassifier = (model: string, options?: { quantized: boolean }) => createNodeEmbedder({ model: shippedModel(model), quantized: options?.quantized });

/** createNodeEmbedder behind a disk cache: texts embedded once are read back on later runs. */
export async function createCachedNodeEmbedder(options: NodeEmbedderOptions & { cacheDir: string }): Promise<CachedEmbedder> {
  const embedder = await createNodeEmbedder(options);
  return new CachedEmbedder(embedder, embedder.fingerprint, options.cacheDir);
}
