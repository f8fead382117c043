// What the embedder needs from an ONNX runtime: one session over a model, fed int64 matrices, returning one
// float output. The platform adapters (src/platform/ort-session.ts) implement it with onnxruntime-web.
import type { Backend } from './embedder.ts';

export interface IdMatrix {
  data: BigInt64Array;
  dims: [number, number];
}

export interface FloatOutput {
  data: Float32Array;
  dims: readonly number[];
}

export interface EncoderSession {
  /** Where the session really runs (after any fallback). */
  readonly backend: Backend;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, IdMatrix>, output: string): Promise<FloatOutput>;
}

/** Opens a session on the bytes of an .onnx file. */
export type OpenSession = (model: Uint8Array) => Promise<EncoderSession>;
