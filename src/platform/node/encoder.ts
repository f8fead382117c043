// The encoder in Node (CLI, benchmarks, tests), run by transformers.js on onnxruntime-node (CPU): the built-in
// USE-lite from public/models/use-lite, or any transformers.js-format encoder by folder, URL or hub id.
// Fills in the model env (src/core/embed/model-env.ts) for Node: built-ins from public/models, hub downloads
// into .cache/models, allowed unless LLMROUTER_OFFLINE=1.
import { readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fetchModelSource, parseModelJson, type ModelSource } from '../../core/embed/model-source.ts';
import { BUILTIN_ENCODER, locateModel, modelEnv, type ModelLocation } from '../../core/embed/model-env.ts';
import { OnnxEmbedder } from '../../core/embed/onnx-embedder.ts';
import type { OnnxEmbedderOptions } from '../../core/embed/encoder-options.ts';
import { CachedEmbedder } from './embedding-cache.ts';
import { publicDir } from './package-files.ts';

const shippedModelsDir = join(publicDir, 'models/');
export const builtinModelDir = join(shippedModelsDir, BUILTIN_ENCODER);

Object.assign(modelEnv, {
  builtinModels: shippedModelsDir,
  cacheDir: resolve('.cache/models'),
  allowHub: process.env.LLMROUTER_OFFLINE !== '1',
});

/** A shipped model folder (public/models/NAME) when NAME is one, otherwise the name as given (a folder, URL or hub id). */
export function shippedModel(model: string): string {
  const dir = join(shippedModelsDir, model);
  return /^[\w.-]+$/.test(model) && existsSync(dir) ? dir : model;
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory();

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

/** Where a model named by built-in name, folder, URL or hub id is, and how its files are read. */
export function nodeModel(model: string = BUILTIN_ENCODER): { where: ModelLocation; source: ModelSource } {
  const where = locateModel(isDirectory(model) ? resolve(model) : model, isDirectory);
  if (where.kind === 'builtin' || where.kind === 'dir') return { where, source: dirModelSource(join(where.base, where.id)) };
  const cached = join(modelEnv.cacheDir!, where.id);
  if (where.kind === 'hub' && existsSync(join(cached, 'config.json'))) return { where, source: dirModelSource(cached) };
  if (where.kind === 'hub' && !modelEnv.allowHub)
    throw new Error(`${where.name} is not in ${modelEnv.cacheDir} and downloads from the hub are off (LLMROUTER_OFFLINE=1)`);
  const folder = where.kind === 'hub' ? `${modelEnv.hub}${where.id}/resolve/main/` : `${where.base}${where.id}/`;
  return { where, source: fetchModelSource(folder) };
}

export interface NodeEmbedderOptions extends OnnxEmbedderOptions {
  /** Built-in name, folder, URL or hub id (default: the built-in USE-lite). */
  model?: string;
  /** Intra-op threads; default: one per core, at most 4. */
  threads?: number;
}

/** An Embedder for Node that batches internally: `await (await createNodeEmbedder()).embed(texts)`. */
export async function createNodeEmbedder(options: NodeEmbedderOptions = {}): Promise<OnnxEmbedder> {
  const threads = options.threads ?? Math.min(4, availableParallelism());
  const { where, source } = nodeModel(options.model);
  const device = { device: 'cpu', backend: 'node', sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 } } as const;
  return OnnxEmbedder.load(where, source, device, options);
}

/** The bert router's classifier in Node (RouterContext.openClassifier): its model folder, cut at its token limit as
 * it was trained. */
export const openNodeClassifier = (model: string, options?: { quantized: boolean }) =>
  createNodeEmbedder({ model: shippedModel(model), dtype: options?.quantized === false ? 'fp32' : 'q8', longText: 'truncate' });

/** createNodeEmbedder (or one already open) behind a disk cache: texts embedded once are read back on later runs. */
export async function createCachedNodeEmbedder(
  options: NodeEmbedderOptions & { cacheDir: string },
  open?: OnnxEmbedder,
): Promise<CachedEmbedder> {
  const embedder = open ?? (await createNodeEmbedder(options));
  return new CachedEmbedder(embedder, embedder.fingerprint, options.cacheDir);
}
