// The messages between the app and the embedding worker: load a model once, then embed batches of texts.
import type { Backend } from '../core/embed/embedder.ts';
import type { BackendPreference } from '../platform/browser/ort-env.ts';

export type EmbedRequest =
  | { type: 'load'; id: number; modelUrl: string; prefer: BackendPreference; threads?: number; quantized?: boolean }
  | { type: 'embed'; id: number; texts: string[] };

export type EmbedResponse =
  | { type: 'loaded'; id: number; backend: Backend; dim: number; threads: number; labels: string[] }
  | { type: 'embedded'; id: number; vectors: Float32Array[] }
  | { type: 'error'; id: number; message: string };
