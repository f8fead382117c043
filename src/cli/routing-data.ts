// What train, eval and route share: the dataset flags (--from, --tasks, --catalog), the project's
// encoder (--encoder, default USE-lite) with its on-disk embedding cache, and TrainingData for a router (embedded when it needs it).
import { resolve } from 'node:path';
import type { FlagValues } from './command.ts';
import { existingFile } from './command.ts';
import { queryInfo, readDatasets } from './read-dataset.ts';
import { UsageError } from './usage-error.ts';
import { progress } from './progress.ts';
import type { Catalog } from '../core/catalog/model.ts';
import { withQueryInfo } from '../core/data/query-info.ts';
import { modelsOf, type RoutingSample } from '../core/data/sample.ts';
import type { TrainingData } from '../core/routers/router.ts';
import { createCachedNodeEmbedder, createNodeEmbedder, nodeModel, type NodeEmbedderOptions } from '../platform/node/encoder.ts';
import type { CachedEmbedder } from '../platform/node/embedding-cache.ts';
import type { EncoderRecord } from '../core/embed/encoder-record.ts';
import { DTYPES, type Dtype, type LongText } from '../core/embed/encoder-options.ts';
import { POOLINGS, type Pooling } from '../core/embed/pooling.ts';

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
  const { samples, duplicates } = await readDatasets(
    [existingFile(path, 'data file')],
    String(values.from ?? 'auto'),
    { catalog },
    values.dedupe === true,
  );
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

/** Flags choosing the encoder (embed, train, eval, route, the benchmarks). */
export const encoderFlags = {
  encoder: { type: 'string' },
  dtype: { type: 'string' },
  pooling: { type: 'string' },
  'long-text': { type: 'string' },
} as const;

export const ENCODER_USAGE =
  `[--encoder NAME|DIR|URL|HUB_ID] [--dtype ${DTYPES.join('|')}] ` + `[--pooling ${POOLINGS.join('|')}] [--long-text windows|truncate]`;

/** The encoder options the flags give (default: the built-in USE-lite, q8, its own pooling, long texts in windows). */
export function encoderOptions(values: FlagValues): NodeEmbedderOptions {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const v = values[name];
    if (v === undefined) return undefined;
    if (!allowed.includes(v as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${String(v)}"`);
    return v as T;
  };
  const model = typeof values.encoder === 'string' ? values.encoder : undefined;
  if (model !== undefined) {
    try {
      nodeModel(model);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  return {
    model,
    dtype: pick<Dtype>('dtype', DTYPES),
    pooling: pick<Pooling>('pooling', POOLINGS),
    longText: pick<LongText>('long-text', ['windows', 'truncate']),
  };
}

interface ProjectEncoder {
  cached: CachedEmbedder;
  record: EncoderRecord;
}

let chosen: NodeEmbedderOptions = {};
let encoder: Promise<ProjectEncoder> | undefined;

/** Makes later embedding (embedTexts, trainingData) use this encoder. */
export function useEncoder(options: NodeEmbedderOptions): void {
  chosen = options;
  encoder = undefined;
}

/** The chosen sentence encoder (default: the built-in USE-lite) behind the on-disk embedding cache, loaded once. */
export function projectEncoder(): Promise<ProjectEncoder> {
  encoder ??= (async () => {
    const embedder = await createNodeEmbedder(chosen);
    return { cached: await createCachedNodeEmbedder({ ...chosen, cacheDir: EMBEDDING_CACHE }, embedder), record: embedder.record };
  })();
  return encoder;
}

/** Embeds texts with the project's encoder (cached), with progress on stderr (src/cli/progress.ts). */
export async function embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
  const enc = (await projectEncoder()).cached;
  const out: Float32Array[] = [];
  const chunk = 256;
  const line = progress('embedding', texts.length);
  for (let start = 0; start < texts.length; start += chunk) {
    out.push(...(await enc.embed(texts.slice(start, start + chunk))));
    line.update(out.length);
  }
  line.end();
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

/** The encoder the embeddings come from, when a router reads them (router files record it). */
export async function encoderFor(needsEmbedding: boolean): Promise<EncoderRecord | undefined> {
  return needsEmbedding ? (await projectEncoder()).record : undefined;
}
