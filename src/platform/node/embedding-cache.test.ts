// The disk cache returns the encoder's own vectors, embeds each new text once, and survives a restart.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CachedEmbedder } from './embedding-cache.ts';
import { createNodeEmbedder } from './encoder.ts';
import { cosine } from '../../core/routers/shared/vectors.ts';

// int8 dynamic quantization scales activations per batch, so a text's vector moves very slightly with its batch.
const expectSame = (got: Float32Array[], want: Float32Array[]) => got.forEach((v, i) => expect(cosine(v, want[i])).toBeGreaterThan(0.999));

describe('CachedEmbedder', () => {
  it('embeds each text once and reads it back after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llmrouter-embcache-'));
    try {
      const inner = await createNodeEmbedder({ threads: 1 });
      const calls: string[][] = [];
      const counting = { dim: inner.dim, backend: inner.backend, embed: (t: readonly string[]) => (calls.push([...t]), inner.embed(t)) };
      const texts = ['first question', 'second question', 'first question'];
      const direct = await inner.embed(texts);

      const cached = new CachedEmbedder(counting, inner.fingerprint, dir);
      expectSame(await cached.embed(texts), direct);
      expect(calls).toEqual([['first question', 'second question']]);
      expect(statSync(cached.file).size).toBe(2 * (32 + 512 * 4));

      const restarted = new CachedEmbedder(counting, inner.fingerprint, dir);
      const again = await restarted.embed(['second question', 'third one']);
      expect(again[0]).toEqual((await cached.embed(['second question']))[0]); // read back bit for bit
      expectSame(again, await inner.embed(['second question', 'third one']));
      expect(calls).toEqual([['first question', 'second question'], ['third one']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
