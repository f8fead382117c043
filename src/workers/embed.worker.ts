// Web Worker that owns the sentence encoder: loads the model folder by URL and embeds texts off the main thread.
import type { OnnxEmbedder } from '../core/embed/onnx-embedder.ts';
import { wasmThreads } from '../platform/browser/ort-env.ts';
import { openModel } from './open-model.ts';
import type { EmbedRequest, EmbedResponse } from './embed-protocol.ts';

let embedder: Promise<OnnxEmbedder> | undefined;
const post = (msg: EmbedResponse, transfer: Transferable[] = []) => self.postMessage(msg, { transfer });

self.onmessage = async ({ data: req }: MessageEvent<EmbedRequest>) => {
  try {
    if (req.type === 'load') {
      embedder ??= openModel(req.modelUrl, { prefer: req.prefer, threads: req.threads, quantized: req.quantized });
      const e = await embedder.catch((err) => {
        embedder = undefined; // a later load may retry (another model, the network back)
        throw err;
      });
      post({ type: 'loaded', id: req.id, backend: e.backend, dim: e.dim, threads: e.backend === 'wasm' ? wasmThreads(req.threads) : 0, labels: [...e.labels] });
    } else {
      if (!embedder) throw new Error('embed before load');
      const vectors = await (await embedder).embed(req.texts);
      post({ type: 'embedded', id: req.id, vectors }, vectors.map((v) => v.buffer));
    }
  } catch (e) {
    post({ type: 'error', id: req.id, message: (e as Error).message });
  }
};
