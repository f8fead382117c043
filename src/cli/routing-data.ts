// What train, eval and route share: the dataset flags (--from, --tasks, --catalog), the project's
// encoder with its on-disk embedding cache, and TrainingData for a router (embedded when it needs it).
import { resolve } from 'node:path';
import type { FlagValues } from './command.ts';
import { existingFile } from './command.ts';
import { queryInfo, readDatasets } from './read-dataset.ts';
import { UsageError } from './usage-error.ts';
import type { Catalog } from '../core/catalog/model.ts';
import { withQueryInfo } from '../core/data/query-info.ts';
import { modelsOf, type RoutingSample } from '../core/data/sample.ts';
import type { TrainingData } from '../core/routers/router.ts';
import { createCachedNodeEmbedder } from '../platform/node/encoder.ts';
import type { CachedEmbedder } from '../platform/node/embedding-cache.ts';

/** Flags every data-reading verb accepts. */
export const dataFlags = {
  from: { type: 'string', default: 'auto' },
  queries: { type: 'string', multiple: true },
  catalog: { type: 'string' },
  options: { type: 'string' },
  dedupe: { type: 'boolean', default: false },
} as const;

export const DATA_USAGE = '[--from FORMAT] [--queries QUERIES.jsonl]... [--catalog FILE] [--options JSON] [--dedupe]';

/** Reads a dataset in any format, with tasks joined from LLMRouter query files when given (--queries). */
export async function readData(path: string, values: FlagValues, catalog: Catalog): Promise<RoutingSample[]> {
  const { samples, duplicates } = await readDatasets([existingFile(path, 'data file')], String(values.from ?? 'auto'), { catalog }, values.dedupe === true);
  if (duplicates > 0) console.error(`${path}: kept the first sample of each repeated id, dropped ${duplicates}`);
  return withQueryInfo(samples, await queryInfo(values));
}

/** Router options from --options JSON. */
export function optionsFlag(values: FlagValues): Record<string, unknown> {
  const raw = values.options;
  if (raw === undefined) return {};
  try {
    const parsed = JSON.parse(String(raw));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed;
  } catch (e) {
    throw new UsageError(`--options must be a JSON object, e.g. '{"k":20}' (${(e as Error).message})`);
  }
}

export const EMBEDDING_CACHE = resolve(process.env.LLMROUTER_CACHE ?? '.cache/embeddings');

let encoder: Promise<CachedEmbedder> | undefined;

/** The project's sentence encoder (USE-lite, ONNX) behind the on-disk embedding cache, loaded once. */
export function projectEncoder(): Promise<CachedEmbedder> {
  encoder ??= createCachedNodeEmbedder({ cacheDir: EMBEDDING_CACHE });
  return encoder;
}

/** Embeds texts with the project's encoder (cached), reporting progress on stderr when it is a terminal. */
export async function embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
  const enc = await projectEncoder();
  const out: Float32Array[] = [];
  const chunk = 512;
  for (let start = 0; start < texts.length; start += chunk) {
    out.push(...(await enc.embed(texts.slice(start, start + chunk))));
    if (process.stderr.isTTY && texts.length > chunk) process.stderr.write(`\rembedding ${Math.min(texts.length, start + chunk)}/${texts.length}`);
  }
  if (process.stderr.isTTY && texts.length > chunk) process.stderr.write('\n');
  return out;
}

/** TrainingData over the samples' models, embedded when the router needs it. */
export async function trainingData(samples: RoutingSample[], needsEmbedding: boolean, catalog: Catalog): Promise<TrainingData> {
  if (samples.length === 0) throw new UsageError('the dataset has no samples');
  return {
    samples,
    embeddings: needsEmbedding ? await embedTexts(samples.map((s) => s.query)) : [],
    models: modelsOf(samples),
    catalog: catalog.models,
  };
}
