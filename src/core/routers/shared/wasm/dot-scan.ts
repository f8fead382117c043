// The SIMD dot-product scan (dot-scan.wat) behind a small class: a matrix copied once into the module's
// memory (rows zero-padded to a multiple of 16), then one call per query. `DotScan.create` returns
// undefined where WebAssembly SIMD is unavailable, and callers fall back to the JavaScript loop.
import { DOT_SCAN_WASM } from './dot-scan-wasm.ts';

let compiled: WebAssembly.Module | null | undefined;

function module(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = Uint8Array.from(atob(DOT_SCAN_WASM), (c) => c.charCodeAt(0));
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

export class DotScan {
  private constructor(
    private readonly scan: (q: number, m: number, n: number, d: number, out: number) => void,
    private readonly query: Float32Array,
    /** The last scan's results (a view into the module's memory). */
    readonly out: Float32Array,
    private readonly rows: number,
    private readonly padded: number,
    private readonly matrixOffset: number,
  ) {}

  /** A scanner over `rows` x `dim` row-major `matrix`, or undefined without WebAssembly SIMD. */
  static create(matrix: Float32Array, rows: number, dim: number): DotScan | undefined {
    const mod = module();
    if (!mod) return undefined;
    const padded = Math.ceil(dim / 16) * 16;
    const queryBytes = padded * 4,
      outBytes = Math.ceil((rows * 4) / 16) * 16;
    const bytes = queryBytes + outBytes + rows * padded * 4;
    const instance = new WebAssembly.Instance(mod);
    const memory = instance.exports.memory as WebAssembly.Memory;
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
    const buffer = memory.buffer;
    const m = new Float32Array(buffer, queryBytes + outBytes, rows * padded);
    for (let r = 0; r < rows; r++) m.set(matrix.subarray(r * dim, (r + 1) * dim), r * padded);
    return new DotScan(
      instance.exports.scan as (q: number, m: number, n: number, d: number, out: number) => void,
      new Float32Array(buffer, 0, padded),
      new Float32Array(buffer, queryBytes, rows),
      rows,
      padded,
      queryBytes + outBytes,
    );
  }

  /** Dot products of `q` (length dim) with every row, into `out`. */
  run(q: Float32Array): Float32Array {
    this.query.set(q);
    this.scan(0, this.matrixOffset, this.rows, this.padded, this.query.byteLength);
    return this.out;
  }
}
