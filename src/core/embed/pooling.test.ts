// Mean pooling ignores padded tokens; normalisation gives unit length; model folder URLs resolve hub ids.
import { describe, expect, it } from 'vitest';
import { cosine, l2Normalize, meanPool } from './pooling.ts';
import { modelFolderUrl } from './model-source.ts';

describe('pooling', () => {
  it('averages only the tokens whose mask is 1', () => {
    // batch 2, seq 3, dim 2; the second row has one real token
    const states = Float32Array.from([1, 2, 3, 4, 100, 100, 5, 6, 100, 100, 100, 100]);
    const mask = BigInt64Array.from([1n, 1n, 0n, 1n, 0n, 0n]);
    expect(meanPool(states, mask, 2, 3, 2)).toEqual([Float32Array.from([2, 3]), Float32Array.from([5, 6])]);
  });

  it('normalises to unit length and leaves a zero vector at zero', () => {
    expect(Array.from(l2Normalize(Float32Array.from([3, 4])))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(Array.from(l2Normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
    expect(cosine(Float32Array.from([1, 0]), Float32Array.from([2, 0]))).toBe(1);
  });
});

describe('modelFolderUrl', () => {
  it('maps hub ids to the hub and resolves paths against the page', () => {
    expect(modelFolderUrl('Xenova/all-MiniLM-L6-v2')).toBe('https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main/');
    expect(modelFolderUrl('models/use-lite/', 'http://127.0.0.1:4173/app/')).toBe('http://127.0.0.1:4173/app/models/use-lite/');
    expect(modelFolderUrl('./models/x', 'http://127.0.0.1:4173/app/')).toBe('http://127.0.0.1:4173/app/models/x/');
    expect(modelFolderUrl('http://127.0.0.1:8000/m/')).toBe('http://127.0.0.1:8000/m/');
  });
});
