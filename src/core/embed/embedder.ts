// What every sentence encoder offers the routers: unit-length vectors for texts, and which backend ran them.
export type Backend = 'webgpu' | 'wasm' | 'node' | 'cpu';

export interface Embedder {
  /** Length of every vector this encoder returns. */
  readonly dim: number;
  /** Which runtime actually executes the model (reported honestly to the user). */
  readonly backend: Backend;
  /** One vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}
