// Benchmark pipeline runs in IndexedDB: a run's settings and sampled queries in one record, and each (query, model)
// result in its own record the moment it lands, so a reload loses nothing and the run resumes where it was. Records
// read back are checked: a run that fails its schema is not listed, a result that fails is ignored (its pair reruns).
import { z } from 'zod';
import type { BenchmarkItem } from '../../core/pipeline/benchmark-item.ts';
import { pipelineResultSchema, type ResultStore } from '../../core/pipeline/result.ts';
import { appDB } from './db.ts';

const runSchema = z.looseObject({
  id: z.string(),
  createdAt: z.number(),
  source: z.string(),
  items: z.array(z.looseObject({ id: z.string(), task: z.string(), query: z.string(), ground_truth: z.string(), metric: z.string() })),
  models: z.array(z.string()),
  templates: z.record(z.string(), z.string()),
  budgetUsd: z.number().positive().optional(),
  concurrency: z.number().int().positive(),
  judge: z.string().optional(),
  datasetId: z.string().optional(),
});

export interface PipelineRunRecord {
  id: string;
  createdAt: number;
  /** The query file's name. */
  source: string;
  items: BenchmarkItem[];
  models: string[];
  templates: Record<string, string>;
  budgetUsd?: number;
  concurrency: number;
  /** The model that rates answers of llm_judge tasks. */
  judge?: string;
  /** The lab dataset made from it, once it completed. */
  datasetId?: string;
}

const runKey = (id: string) => `run/${id}`;

export async function saveRun(run: PipelineRunRecord): Promise<void> {
  await (await appDB()).put('pipeline', { key: runKey(run.id), run: run.id, kind: 'run', value: run });
}

/** Every run, newest first. */
export async function loadRuns(): Promise<PipelineRunRecord[]> {
  const records = await (await appDB()).getAll('pipeline', IDBKeyRange.bound('run/', 'run/\uffff'));
  return records
    .flatMap((r) => (runSchema.safeParse(r.value).success ? [r.value as PipelineRunRecord] : []))
    .sort((a, b) => b.createdAt - a.createdAt);
}

export async function deleteRun(id: string): Promise<void> {
  const db = await appDB();
  const tx = db.transaction('pipeline', 'readwrite');
  for (const key of await tx.store.index('run').getAllKeys(id)) await tx.store.delete(key);
  await tx.done;
}

/** The results of one run as the pipeline's store: each append is its own IndexedDB record. */
export function idbResultStore(run: string): ResultStore {
  return {
    async load() {
      const records = await (await appDB()).getAll('pipeline', IDBKeyRange.bound(`result/${run}/`, `result/${run}/\uffff`));
      const results = records
        .map((r) => pipelineResultSchema.safeParse(r.value))
        .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
      return results.sort((a, b) => a.at - b.at);
    },
    async append(result) {
      const key = `result/${run}/${Date.now().toString(36)}-${crypto.randomUUID()}`;
      await (await appDB()).put('pipeline', { key, run, kind: 'result', value: result });
    },
  };
}
