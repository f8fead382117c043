// The training set as neighbour-based routers keep it: unit query vectors in one contiguous matrix
// and the per-model scores beside them (NaN where a model was not run). Used by knn and sw-ranking.
import { z } from 'zod';
import type { TrainingData } from '../router.ts';
import { scoreMatrix } from './outcomes.ts';
import { f32 } from './router-file.ts';
import { normalised, stackRows } from './vectors.ts';

export const memoryTableFields = {
  dim: z.number().int().positive(),
  /** samples x dim unit vectors. */
  vectors: f32,
  /** samples x models scores, NaN where the model was not run. */
  scores: f32,
};

export interface MemoryTable {
  dim: number;
  vectors: Float32Array;
  scores: Float32Array;
}

export function memoryTable(data: TrainingData): MemoryTable {
  const dim = data.embeddings[0]!.length;
  const sm = scoreMatrix(data);
  return {
    dim,
    vectors: stackRows(data.embeddings.map(normalised), dim),
    scores: Float32Array.from(sm.scores, (s, k) => (sm.ran[k] ? s : NaN)),
  };
}

/** Throws unless vectors and scores describe the same number of samples. */
export function checkMemoryTable(t: MemoryTable, models: number): number {
  const n = t.vectors.length / t.dim;
  if (!Number.isInteger(n) || t.scores.length !== n * models) {
    throw new Error('invalid router file: vectors and scores do not match (samples x dim, samples x models)');
  }
  return n;
}
