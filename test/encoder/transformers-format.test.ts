// Any transformers.js-format encoder, not only USE-lite: a small BERT (WordPiece with [CLS]/[SEP], token_type_ids,
// last_hidden_state, CLS pooling declared in 1_Pooling/config.json, fp32 and fp16 files; random weights, built by
// models/fixtures/build_tiny_bert.py) run by transformers.js in Node gives the same token ids as Python's
// `tokenizers`, the same vectors as PyTorch (fp32) and Python onnxruntime (fp16), and reads long texts whole.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createNodeEmbedder } from '../../src/platform/node/encoder.ts';
import { cosine } from '../../src/core/routers/shared/vectors.ts';
import { modelEnv } from '../../src/core/embed/model-env.ts';

const dir = resolve(import.meta.dirname, '../fixtures/tiny-bert');
const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as {
  texts: string[];
  ids: number[][];
  cls: number[][];
  mean: number[][];
  cls_fp16: number[][];
  long_texts: string[];
  long_cls: number[][];
};

function expectClose(vectors: Float32Array[], reference: number[][], texts: string[], min = 0.9999): void {
  vectors.forEach((v, i) => expect(cosine(v, Float32Array.from(reference[i]!)), texts[i]).toBeGreaterThan(min));
}

describe('a BERT-style transformers.js encoder', () => {
  it('tokenizes like Python (truncated keeping [SEP]) and takes CLS pooling from its sentence-transformers config', async () => {
    const embedder = await createNodeEmbedder({ model: dir, dtype: 'fp32', longText: 'truncate', threads: 1 });
    expect(embedder.dim).toBe(32);
    expect(embedder.record).toMatchObject({ dim: 32, pooling: 'cls' });
    expect(expected.texts.map((t) => embedder.tokenize(t))).toEqual(expected.ids);
    expectClose(await embedder.embed(expected.texts), expected.cls, expected.texts);
  });

  it('mean-pools like sentence-transformers when asked', async () => {
    const embedder = await createNodeEmbedder({ model: dir, dtype: 'fp32', pooling: 'mean', longText: 'truncate', threads: 1 });
    expectClose(await embedder.embed(expected.texts), expected.mean, expected.texts);
  });

  it('runs the fp16 file and matches onnxruntime in Python', async () => {
    const embedder = await createNodeEmbedder({ model: dir, dtype: 'fp16', threads: 1 });
    expect(embedder.record.hash).not.toBe((await createNodeEmbedder({ model: dir, dtype: 'fp32', threads: 1 })).record.hash);
    expectClose(await embedder.embed(expected.texts.slice(0, 5)), expected.cls_fp16, expected.texts, 0.999);
  });

  it('reads a text longer than its 48 tokens whole: windows pooled into one vector, as the Python reference', async () => {
    const embedder = await createNodeEmbedder({ model: dir, dtype: 'fp32', threads: 1 });
    expected.long_texts.forEach((t) => expect(embedder.countTokens(t)).toBeGreaterThan(2 * embedder.maxTokens));
    expectClose(await embedder.embed(expected.long_texts), expected.long_cls, expected.long_texts);
    const truncating = await createNodeEmbedder({ model: dir, dtype: 'fp32', longText: 'truncate', threads: 1 });
    const [cut] = await truncating.embed(expected.long_texts.slice(0, 1));
    expect(cosine(cut!, Float32Array.from(expected.long_cls[0]!))).toBeLessThan(0.9999);
  });

  it('answers a repeated query from its cache with exactly the vector a fresh run gives', async () => {
    const embedder = await createNodeEmbedder({ model: dir, dtype: 'fp32', threads: 1 });
    const runs = vi.spyOn((embedder as unknown as { model: { forward: () => unknown } }).model, 'forward');
    const [first] = await embedder.embed(['Hello world.']);
    const [again] = await embedder.embed(['Hello world.']);
    expect(runs).toHaveBeenCalledTimes(1);
    expect(again).toEqual(first);
    const [fresh] = await (await createNodeEmbedder({ model: dir, dtype: 'fp32', threads: 1 })).embed(['Hello world.']);
    expect(again).toEqual(fresh);
  });

  it('names a model it cannot find, and a hub model it may not download', async () => {
    await expect(createNodeEmbedder({ model: './no/such/model' })).rejects.toThrow('encoder "./no/such/model" not found');
    const allowed = modelEnv.allowHub;
    modelEnv.allowHub = false;
    try {
      await expect(createNodeEmbedder({ model: 'test-org/not-downloaded' })).rejects.toThrow('test-org/not-downloaded is not in');
    } finally {
      modelEnv.allowHub = allowed;
    }
  });
});
