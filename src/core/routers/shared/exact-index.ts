// An exact cosine nearest-neighbour index: unit vectors in one contiguous Float32Array, a dot-product
// scan (WebAssembly SIMD where available, else a JavaScript loop) and a bounded top-k kept by
// insertion. Query-time buffers are allocated once per index.
import { dotRow, normalised } from './vectors.ts';
import { DotScan } from './wasm/dot-scan.ts';

export class ExactIndex {
  readonly size: number;
  private readonly query: Float32Array;
  private readonly sims: Float32Array;
  readonly topIndex: Int32Array;
  readonly topSim: Float32Array;
  /** How many of `topIndex`/`topSim` the last search filled. */
  found = 0;
  private readonly simd: DotScan | undefined;

  /** `vectors` are unit length, row-major `size x dim`. */
  constructor(
    readonly vectors: Float32Array,
    readonly dim: number,
    readonly maxK: number,
  ) {
    this.size = vectors.length / dim;
    this.query = new Float32Array(dim);
    this.topIndex = new Int32Array(maxK);
    this.topSim = new Float32Array(maxK);
    this.simd = DotScan.create(vectors, this.size, dim);
    this.sims = this.simd ? this.simd.out : new Float32Array(this.size);
  }

  static build(rows: readonly Float32Array[], dim: number, maxK: number): ExactIndex {
    const vectors = new Float32Array(rows.length * dim);
    rows.forEach((r, i) => vectors.set(normalised(r), i * dim));
    return new ExactIndex(vectors, dim, maxK);
  }

  /** Cosine similarity of the query with every stored vector (the returned buffer is reused). */
  similarities(query: Float32Array): Float32Array {
    if (query.length !== this.dim) throw new Error(`query embedding has ${query.length} dimensions, the index ${this.dim}`);
    let n = 0;
    for (let i = 0; i < this.dim; i++) n += query[i]! * query[i]!;
    const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (let i = 0; i < this.dim; i++) this.query[i] = query[i]! * inv;
    if (this.simd) return this.simd.run(this.query);
    for (let r = 0; r < this.size; r++) this.sims[r] = dotRow(this.query, this.vectors, r);
    return this.sims;
  }

  /** The k most similar stored vectors, best first, in `topIndex`/`topSim[0..found)`. */
  search(query: Float32Array, k: number): void {
    const sims = this.similarities(query);
    const kk = Math.min(k, this.maxK, this.size);
    let filled = 0;
    for (let r = 0; r < this.size; r++) {
      const s = sims[r]!;
      if (filled === kk && s <= this.topSim[kk - 1]!) continue;
      let p = filled < kk ? filled++ : kk - 1;
      while (p > 0 && this.topSim[p - 1]! < s) {
        this.topSim[p] = this.topSim[p - 1]!;
        this.topIndex[p] = this.topIndex[p - 1]!;
        p--;
      }
      this.topSim[p] = s;
      this.topIndex[p] = r;
    }
    this.found = filled;
  }
}
