// Embeddings of many texts in Node, cached on disk per encoder and text (one file per encoder under
// .cache/embeddings, appended as new texts are embedded), so train, eval and the benchmark embed a
// dataset once.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from '../../core/embed/embedder.ts';

export interface CachedEmbedder {
  embedder: Embedder;
  /** Names the encoder: vectors of different encoders never mix. */
  id: string;
}

const key = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** One vector per text, from the cache where present; `onProgress(done, total)` while embedding the rest. */
export async function embedAll(
  { embedder, id }: CachedEmbedder,
  texts: readonly string[],
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Float32Array[]> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(id).digest('hex').slice(0, 16)}-${embedder.dim}.bin`);
  const known = readCache(file, embedder.dim);
  const missing = [...new Set(texts.filter((t) => !known.has(key(t))))];
  const batch = 256;
  for (let start = 0; start < missing.length; start += batch) {
    const part = missing.slice(start, start + batch);
    const vectors = await embedder.embed(part);
    const records = part.map((t, i) => {
      known.set(key(t), vectors[i]!);
      return Buffer.concat([Buffer.from(key(t), 'hex'), Buffer.from(vectors[i]!.buffer, vectors[i]!.byteOffset, vectors[i]!.byteLength)]);
    });
    appendFileSync(file, Buffer.concat(records));
    onProgress?.(Math.min(missing.length, start + batch), missing.length);
  }
  return texts.map((t) => known.get(key(t))!);
}

/** Records of 16 key bytes then dim float32s; a torn last record (interrupted write) is cut off. */
function readCache(file: string, dim: number): Map<string, Float32Array> {
  const map = new Map<string, Float32Array>();
  if (!existsSync(file)) return map;
  const bytes = readFileSync(file);
  const size = 16 + 4 * dim;
  if (bytes.length % size !== 0) truncateSync(file, bytes.length - (bytes.length % size));
  for (let o = 0; o + size <= bytes.length; o += size) {
    const vector = new Float32Array(dim);
    new Uint8Array(vector.buffer).set(bytes.subarray(o + 16, o + size));
    map.set(bytes.subarray(o, o + 16).toString('hex'), vector);
  }
  return map;
}
