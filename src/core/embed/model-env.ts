// The one place that says where on-device models and ORT's wasm come from (like transformers.js's `env`, which it
// configures): the folder of the built-in models (the app's own origin in the browser, public/models in Node),
// the hub that ids like "Xenova/bge-small-en-v1.5" download from and whether that is allowed, ORT's wasm files
// and threads. Platform adapters fill it in once at start-up; the encoder hands it to transformers.js for every
// load (with-model-env.ts). Plain data, so the main thread may read it without loading transformers.js.
export interface ModelEnv {
  /** Folder URL (browser) or directory (Node) holding the built-in models, ending in "/". */
  builtinModels: string;
  /** Names of the models shipped in builtinModels. */
  builtins: readonly string[];
  /** Host that hub ids download from. */
  hub: string;
  /** Whether hub ids may be downloaded (a cached one is read without this). */
  allowHub: boolean;
  /** Browser: ORT's wasm and its loader, from the app's own origin (never a CDN). */
  wasmPaths?: { wasm: string; mjs: string };
  /** WASM threads (browser) or intra-op threads (Node). */
  threads: number;
  /** Node: directory where downloaded hub models are kept. */
  cacheDir?: string;
}

export const BUILTIN_ENCODER = 'use-lite';

export const modelEnv: ModelEnv = {
  builtinModels: 'models/',
  builtins: [BUILTIN_ENCODER, 'bert-router'],
  hub: 'https://huggingface.co/',
  allowHub: false,
  threads: 1,
};

/** Where transformers.js finds one model: an id under a base folder, and whether it may come from the hub. */
export interface ModelLocation {
  /** What the user named (shown in messages, recorded in router files). */
  name: string;
  id: string;
  base: string;
  kind: 'builtin' | 'hub' | 'url' | 'dir';
}

const HUB_ID = /^[\w.-]+\/[\w.-]+$/;

/** Locates a model named by built-in name, hub id ("owner/name"), URL, or (Node) directory. */
export function locateModel(name: string, isDirectory: (path: string) => boolean = () => false): ModelLocation {
  const trimmed = name.trim().replace(/\/+$/, '');
  if (modelEnv.builtins.includes(trimmed)) return { name: trimmed, id: trimmed, base: modelEnv.builtinModels, kind: 'builtin' };
  if (/^https?:\/\//.test(trimmed)) return { name: trimmed, ...splitLast(trimmed), kind: 'url' };
  if (isDirectory(trimmed)) return { name: trimmed, ...splitLast(trimmed), kind: 'dir' };
  if (HUB_ID.test(trimmed) && !trimmed.startsWith('.')) return { name: trimmed, id: trimmed, base: modelEnv.builtinModels, kind: 'hub' };
  throw new Error(
    `encoder "${name}" not found: give a built-in name (${modelEnv.builtins.join(', ')}), ` +
      `a hub id like Xenova/bge-small-en-v1.5, a URL${isDirectory('.') ? ' or a folder' : ''}`,
  );
}

function splitLast(path: string): { id: string; base: string } {
  const at = path.lastIndexOf('/');
  return { id: path.slice(at + 1), base: path.slice(0, at + 1) };
}

/** A folder relative to a model's folder (config.json's llmrouter.tokenizer_folder, e.g. "../use-lite/"), located. */
export function siblingLocation(of: ModelLocation, relative: string): ModelLocation {
  const name = relative.replace(/^\.\.\//, '').replace(/\/+$/, '');
  return { name, id: name, base: of.base, kind: of.kind === 'hub' ? 'builtin' : of.kind };
}
