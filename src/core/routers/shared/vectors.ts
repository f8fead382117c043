// Numeric building blocks shared by the routers: gaussian draws and permutations, dot products, normalisation,
// and a lossless JSON form for Float32Array (base64 of its little-endian bytes).

/** A standard normal draw (Box-Muller) from a uniform generator. */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Fisher-Yates shuffle of 0..n-1. */
export function permutation(n: number, random: () => number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** Dot product of `a` with row `row` of the row-major matrix `m` (row length a.length). */
export function dotRow(a: Float32Array, m: Float32Array, row: number): number {
  const d = a.length;
  const o = row * d;
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let i = 0;
  for (; i + 3 < d; i += 4) {
    s0 += a[i]! * m[o + i]!;
    s1 += a[i + 1]! * m[o + i + 1]!;
    s2 += a[i + 2]! * m[o + i + 2]!;
    s3 += a[i + 3]! * m[o + i + 3]!;
  }
  for (; i < d; i++) s0 += a[i]! * m[o + i]!;
  return s0 + s1 + s2 + s3;
}

/** A unit-length copy (the zero vector stays zero). */
export function normalised(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  const out = new Float32Array(v.length);
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * inv;
  return out;
}

/** Cosine similarity of two vectors of one length (0 when either is zero). */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`vectors of ${a.length} and ${b.length} dimensions`);
  const norms = Math.sqrt(dotRow(a, a, 0) * dotRow(b, b, 0));
  return norms > 0 ? dotRow(a, b, 0) / norms : 0;
}

/** Rows stacked into one contiguous row-major Float32Array. */
export function stackRows(rows: readonly Float32Array[], dim: number): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    if (r.length !== dim) throw new Error(`embedding ${i} has ${r.length} dimensions, expected ${dim}`);
    out.set(r, i * dim);
  });
  return out;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** log(1 + e^x), without overflow: the logistic loss is softplus(s) - target * s. */
export const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** Base64 of a Float32Array's bytes: exact, and a third the size of a JSON number list. */
export function encodeF32(v: Float32Array): string {
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function decodeF32(b64: string): Float32Array {
  const s = atob(b64);
  if (s.length % 4 !== 0) throw new Error('a float32 array must have a multiple of 4 bytes');
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
