// How an encoder is opened: which weights (dtype), pooling, how long texts are read, batching and caching. Plain
// data, so the app's main thread can offer these choices without loading transformers.js.
import type { Pooling } from './pooling.ts';

export type Dtype = 'fp32' | 'fp16' | 'q8' | 'q4';
export const DTYPES: readonly Dtype[] = ['fp32', 'fp16', 'q8', 'q4'];
export const DTYPE_FILES: Record<Dtype, string> = {
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q8: 'onnx/model_quantized.onnx',
  q4: 'onnx/model_q4.onnx',
};

/** How a text longer than the model's limit is read: whole, in windows (default), or cut at the limit. */
export type LongText = 'windows' | 'truncate';

export interface OnnxEmbedderOptions {
  /** Weights to run (default q8: onnx/model_quantized.onnx). */
  dtype?: Dtype;
  /** Overrides the model's own pooling. */
  pooling?: Pooling;
  longText?: LongText;
  /** Windows read per text at most (head and tail kept beyond). Default 8. */
  maxWindows?: number;
  /** Texts per session run. */
  batchSize?: number;
  /** Hub revision (hub ids only). */
  revision?: string;
  /** Repeated single texts (queries) kept. Default 256; 0 turns the cache off. */
  cacheTexts?: number;
}
