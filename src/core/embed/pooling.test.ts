// Pooling from a model's sentence-transformers config; normalisation; model names located as built-in, hub, URL, folder.
import { afterEach, describe, expect, it } from 'vitest';
import { l2Normalize, poolingFromSentenceTransformers } from './pooling.ts';
import { cosine } from '../routers/shared/vectors.ts';
import { locateModel, modelEnv, siblingLocation } from './model-env.ts';

describe('pooling', () => {
  it('reads the pooling a sentence-transformers folder declares', () => {
    expect(
      poolingFromSentenceTransformers({ word_embedding_dimension: 384, pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }),
    ).toBe('cls');
    expect(poolingFromSentenceTransformers({ pooling_mode_cls_token: false, pooling_mode_mean_tokens: true })).toBe('mean');
    expect(poolingFromSentenceTransformers({ pooling_mode_max_tokens: true })).toBeUndefined();
    expect(poolingFromSentenceTransformers(undefined)).toBeUndefined();
  });

  it('normalises to unit length and leaves a zero vector at zero', () => {
    expect(Array.from(l2Normalize(Float32Array.from([3, 4])))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(Array.from(l2Normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
    expect(cosine(Float32Array.from([1, 0]), Float32Array.from([2, 0]))).toBe(1);
  });
});

describe('locateModel', () => {
  const base = modelEnv.builtinModels;
  afterEach(() => void (modelEnv.builtinModels = base));

  it('tells built-in names, hub ids, URLs and folders apart', () => {
    modelEnv.builtinModels = 'http://127.0.0.1:4173/app/models/';
    expect(locateModel('use-lite')).toEqual({
      name: 'use-lite',
      id: 'use-lite',
      base: 'http://127.0.0.1:4173/app/models/',
      kind: 'builtin',
    });
    expect(locateModel('Xenova/bge-small-en-v1.5')).toMatchObject({ id: 'Xenova/bge-small-en-v1.5', kind: 'hub' });
    expect(locateModel('http://127.0.0.1:8000/m/tiny-bert/')).toEqual({
      name: 'http://127.0.0.1:8000/m/tiny-bert',
      id: 'tiny-bert',
      base: 'http://127.0.0.1:8000/m/',
      kind: 'url',
    });
    expect(locateModel('/data/models/tiny', () => true)).toMatchObject({ id: 'tiny', base: '/data/models/', kind: 'dir' });
    expect(() => locateModel('no such thing')).toThrow('encoder "no such thing" not found');
  });

  it('finds a shared tokenizer folder beside the model', () => {
    const bert = locateModel('bert-router');
    expect(siblingLocation(bert, '../use-lite/')).toEqual({ ...locateModel('use-lite'), kind: 'builtin' });
  });
});
