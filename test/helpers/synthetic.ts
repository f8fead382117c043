// Synthetic routing data where the right answer is known, for router unit tests: queries in clusters
// (vectors near a cluster centre), each cluster solved only by its own model; prices differ by model.
import type { RoutingSample } from '../../src/core/data/sample.ts';
import type { TrainingData } from '../../src/core/routers/router.ts';
import { gaussian, normalised } from '../../src/core/routers/shared/vectors.ts';
import { mulberry32 } from '../../src/core/data/random.ts';

export interface ClusterSpec {
  /** The model that solves this cluster's queries (all others fail). */
  solver: string;
  /** A word in each query's text, for text-reading routers. */
  topic: string;
}

export const TWO_CLUSTERS: ClusterSpec[] = [
  { solver: 'coder', topic: 'python' },
  { solver: 'mathematician', topic: 'integral' },
];

/** Model prices: USD per call, the same for every query. */
export const PRICES: Record<string, number> = { coder: 0.002, mathematician: 0.001, generalist: 0.01 };

export function clusters(n: number, seed = 7, spec = TWO_CLUSTERS, dim = 16, noise = 0.3): TrainingData & { clusterOf: number[] } {
  const random = mulberry32(seed);
  const centres = spec.map(() => normalised(Float32Array.from({ length: dim }, () => gaussian(random))));
  const models = [...new Set([...spec.map((c) => c.solver), ...Object.keys(PRICES)])];
  const samples: RoutingSample[] = [];
  const embeddings: Float32Array[] = [];
  const clusterOf: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % spec.length;
    const centre = centres[c]!;
    embeddings.push(normalised(Float32Array.from(centre, (v) => v + (noise * gaussian(random)) / Math.sqrt(dim))));
    clusterOf.push(c);
    const outcomes = Object.fromEntries(
      models.map((m) => [m, { score: m === spec[c]!.solver ? 1 : m === 'generalist' ? 0.6 : 0, cost: PRICES[m] ?? 0.005 }]),
    );
    samples.push({ id: `q${i}`, query: `question ${i} about ${spec[c]!.topic}`, task: spec[c]!.topic, outcomes });
  }
  return { samples, embeddings, models, clusterOf };
}

/** Splits synthetic data into train and test by index. */
export function split<T extends TrainingData>(data: T, nTrain: number): [TrainingData, TrainingData] {
  const part = (a: number, b?: number): TrainingData => ({
    samples: data.samples.slice(a, b),
    embeddings: data.embeddings.slice(a, b),
    models: data.models,
    ...(data.catalog ? { catalog: data.catalog } : {}),
  });
  return [part(0, nTrain), part(nTrain)];
}

/**
 * Queries in four clusters at +-a +-b (a, b random unit directions) where the solver is their XOR: coder
 * solves (+,+) and (-,-), mathematician (+,-) and (-,+); generalist scores 0.6 everywhere. One task and a
 * text that names no topic: only the embedding tells, no constant policy passes 0.6 and no linear score
 * of the embedding separates the solvers.
 */
export function xorClusters(n: number, seed = 11, dim = 16, noise = 0.25): TrainingData & { solver: string[] } {
  const random = mulberry32(seed);
  const a = normalised(Float32Array.from({ length: dim }, () => gaussian(random)));
  const b = normalised(Float32Array.from({ length: dim }, () => gaussian(random)));
  const models = ['coder', 'mathematician', 'generalist'];
  const samples: RoutingSample[] = [];
  const embeddings: Float32Array[] = [];
  const solver: string[] = [];
  for (let i = 0; i < n; i++) {
    const [sa, sb] = [i % 2 ? 1 : -1, (i >> 1) % 2 ? 1 : -1];
    embeddings.push(normalised(Float32Array.from(a, (v, k) => sa * v + sb * b[k]! + (noise * gaussian(random)) / Math.sqrt(dim))));
    const s = sa === sb ? 'coder' : 'mathematician';
    solver.push(s);
    const outcomes = Object.fromEntries(models.map((m) => [m, { score: m === s ? 1 : m === 'generalist' ? 0.6 : 0, cost: PRICES[m]! }]));
    samples.push({ id: `x${i}`, query: `question ${i}`, task: 'mixed', outcomes });
  }
  return { samples, embeddings, models, solver };
}
