// The messages between the app and the embedding worker: load a model once, then embed batches of texts.
import type { Backend } from '../core/embed/embedder.ts';
import type { EncoderRecord } from '../core/embed/encoder-record.ts';
import type { OpenModelOptions } from './open-model.ts';

export type EmbedRequest =
  | { type: 'load'; id: number; model: string; options: OpenModelOptions }
  | { type: 'embed'; id: number; texts: string[] };

export type EmbedResponse =
  | { type: 'loaded'; id: number; backend: Backend; dim: number; threads: number; labels: string[]; record: EncoderRecord }
  | { type: 'embedded'; id: number; vectors: Float32Array[] }
  | { type: 'error'; id: number; message: string };
