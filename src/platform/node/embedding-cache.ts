// A disk cache of embeddings for Node benchmarks that embed the same datasets again and again: one file per
// model fingerprint, records of sha256(text) + the vector, appended as new texts are embedded.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend, Embedder } from '../../core/embed/embedder.ts';

const HASH_BYTES = 32;
const sha256 = (s: string) => createHash('sha256').update(s).digest();

export class CachedEmbedder implements Embedder {
  readonly dim: number;
  readonly backend: Backend;
  readonly file: string;
  private vectors?: Map<string, Float32Array>;

  constructor(
    private readonly inner: Embedder,
    fingerprint: string,
    dir: string,
  ) {
    this.dim = inner.dim;
    this.backend = inner.backend;
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `${sha256(fingerprint).toString('hex').slice(0, 16)}-${inner.dim}.bin`);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const cache = (this.vectors ??= this.read());
    const keys = texts.map((t) => sha256(t));
    const missing = [...new Set(texts.filter((_, i) => !cache.has(keys[i].toString('hex'))))];
    if (missing.length > 0) {
      const fresh = await this.inner.embed(missing);
      const records = missing.map((text, i) => {
        const key = sha256(text);
        cache.set(key.toString('hex'), fresh[i]);
        return Buffer.concat([key, Buffer.from(fresh[i].buffer, fresh[i].byteOffset, fresh[i].byteLength)]);
      });
      appendFileSync(this.file, Buffer.concat(records));
    }
    return keys.map((k) => cache.get(k.toString('hex'))!.slice());
  }

  private read(): Map<string, Float32Array> {
    const map = new Map<string, Float32Array>();
    if (!existsSync(this.file)) return map;
    const bytes = readFileSync(this.file);
    const record = HASH_BYTES + this.dim * 4;
    const whole = bytes.length - (bytes.length % record); // a torn last record (killed mid-write) is ignored
    for (let at = 0; at < whole; at += record) {
      const vector = new Float32Array(this.dim);
      new Uint8Array(vector.buffer).set(bytes.subarray(at + HASH_BYTES, at + record));
      map.set(bytes.subarray(at, at + HASH_BYTES).toString('hex'), vector);
    }
    return map;
  }
}
