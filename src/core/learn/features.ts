// The online routers' features of a query: its embedding projected to `dim` dimensions by a seeded Gaussian
// random projection (Johnson-Lindenstrauss: inner products kept up to a small distortion, so a per-model
// ridge model stays small enough to update per event and to save), plus a constant 1 for the bias.
// The projection is regenerated from its seed, never saved. dim 0 keeps the embedding as it is.
import { mulberry32 } from '../data/random.ts';
import { gaussian } from '../routers/shared/vectors.ts';

export class FeatureMap {
  /** Features per query, the bias included. */
  readonly size: number;
  private readonly projection: Float32Array | undefined;

  constructor(
    readonly inputDim: number,
    dim: number,
    seed: number,
  ) {
    const out = dim === 0 ? inputDim : dim;
    this.size = out + 1;
    if (dim === 0) return;
    const random = mulberry32(seed);
    const scale = 1 / Math.sqrt(dim);
    this.projection = Float32Array.from({ length: dim * inputDim }, () => gaussian(random) * scale);
  }

  of(embedding: Float32Array): Float64Array {
    if (embedding.length !== this.inputDim)
      throw new Error(`the query embedding has ${embedding.length} dimensions, the online router was started on ${this.inputDim}`);
    const x = new Float64Array(this.size);
    x[this.size - 1] = 1;
    if (!this.projection) {
      x.set(embedding);
      return x;
    }
    const d = this.inputDim;
    for (let r = 0; r < this.size - 1; r++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += this.projection[r * d + c]! * embedding[c]!;
      x[r] = s;
    }
    return x;
  }
}
