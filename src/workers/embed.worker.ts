// Web Worker that owns the sentence encoder: loads the model by name and embeds texts off the main thread.
import type { OnnxEmbedder } from '../core/embed/onnx-embedder.ts';
import { wasmThreads } from '../platform/browser/ort-env.ts';
import { openModel } from './open-model.ts';
import type { EmbedRequest, EmbedResponse } from './embed-protocol.ts';

let embedder: Promise<OnnxEmbedder> | undefined;
const post = (msg: EmbedResponse, transfer: Transferable[] = []) => self.postMessage(msg, { transfer });

self.onmessage = async ({ data: req }: MessageEvent<EmbedRequest>) => {
  try {
    if (req.type === 'load') {
      embedder ??= openModel(req.model, req.options);
      const e = await embedder.catch((err) => {
        embedder = undefined; // a later load may retry (another model, the network back)
        throw err;
      });
      const threads = e.backend === 'wasm' ? wasmThreads(req.options.threads) : 0;
      post({ type: 'loaded', id: req.id, backend: e.backend, dim: e.dim, threads, labels: [...e.labels], record: e.record });
    } else {
      if (!embedder) throw new Error('embed before load');
      const vectors = await (await embedder).embed(req.texts);
      post(
        { type: 'embedded', id: req.id, vectors },
        vectors.map((v) => v.buffer),
      );
    }
  } catch (e) {
    post({ type: 'error', id: req.id, message: (e as Error).message });
  }
};
