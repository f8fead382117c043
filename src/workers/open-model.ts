// Opens a transformers.js-format ONNX model folder in a worker with the browser's ORT runtime (WebGPU or WASM as
// the backend preference says): the encoder in the embedding worker, the bert router's classifier in the routing worker.
import { fetchModelSource } from '../core/embed/model-source.ts';
import { OnnxEmbedder } from '../core/embed/onnx-embedder.ts';
import { browserSessionOpener, type BrowserRuntimeOptions } from '../platform/browser/ort-env.ts';

export async function openModel(folderUrl: string, options: BrowserRuntimeOptions & { quantized?: boolean }): Promise<OnnxEmbedder> {
  const open = await browserSessionOpener({ prefer: options.prefer, threads: options.threads });
  return OnnxEmbedder.load(fetchModelSource(folderUrl), open, { quantized: options.quantized });
}
