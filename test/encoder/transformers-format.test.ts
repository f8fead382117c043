// Any transformers.js-format encoder, not only USE-lite: a small BERT-style model (WordPiece with [CLS]/[SEP],
// token_type_ids, last_hidden_state; built with random weights by models/fixtures/build_tiny_bert.py) gets the
// same token ids as Python's `tokenizers` and the same mean-pooled, normalised vectors as PyTorch.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createNodeEmbedder } from '../../src/platform/node/encoder.ts';
import { cosine } from '../../src/core/embed/pooling.ts';

const dir = resolve(import.meta.dirname, '../fixtures/tiny-bert');
const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as { texts: string[]; ids: number[][]; embeddings: number[][] };

describe('a BERT-style transformers.js encoder', () => {
  it('tokenizes like Python (specials added, truncated keeping [SEP]) and mean-pools like PyTorch', async () => {
    const embedder = await createNodeEmbedder({ model: dir, quantized: false, threads: 1 });
    expect(embedder.dim).toBe(32);
    expect(expected.texts.map((t) => embedder.tokenize(t))).toEqual(expected.ids);
    const vectors = await embedder.embed(expected.texts);
    vectors.forEach((v, i) => expect(cosine(v, Float32Array.from(expected.embeddings[i])), expected.texts[i]).toBeGreaterThan(0.9999));
  });
});
