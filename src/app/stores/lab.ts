// The router lab's datasets: imported (in a worker) from any supported format, kept in IndexedDB with their
// statistics, tasks joined from LLMRouter query files where a format has none, one selected for training and evaluation.
import { create } from 'zustand';
import type { RoutingSample } from '../../core/data/sample.ts';
import type { DatasetStats } from '../../core/data/stats.ts';
import { defaultCatalog } from '../../core/catalog/catalog.ts';
import { allRecords, deleteRecord, putRecord } from '../../platform/browser/records.ts';
import { readQueryInfo, withQueryInfo, type QueryInfo } from '../../core/data/query-info.ts';
import { datasetStats } from '../../core/data/stats.ts';
import { WorkerClient } from '../worker-client.ts';
import type { importHandlers } from '../../workers/import.worker.ts';
import { embedTexts, encoderKey } from './encoder.ts';

export interface DatasetRecord {
  id: string;
  name: string;
  format: string;
  importedAt: number;
  stats: DatasetStats;
  samples: RoutingSample[];
}

interface LabStore {
  datasets: DatasetRecord[];
  selectedId: string | null;
  importing: string | null;
  /** How far the import has got (0..1) and what it is doing. */
  importProgress: { fraction: number; note?: string } | null;
  importError: string | null;
  /** What the last import dropped (repeated ids, when `dedupe`). */
  importNote: string | null;
  /** Keep the first sample of each repeated id instead of refusing the file. */
  dedupe: boolean;
  setDedupe(dedupe: boolean): void;
  loaded: boolean;
  load(): Promise<void>;
  importFile(file: File): Promise<void>;
  joinQueries(id: string, files: readonly File[]): Promise<void>;
  select(id: string): void;
  remove(id: string): Promise<void>;
}

let importer: WorkerClient<typeof importHandlers> | undefined;
const importWorker = () =>
  (importer ??= new WorkerClient(new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module' })));

export const useLab = create<LabStore>((set, get) => ({
  datasets: [],
  selectedId: null,
  importing: null,
  importProgress: null,
  importError: null,
  importNote: null,
  dedupe: false,
  setDedupe(dedupe) {
    set({ dedupe });
  },
  loaded: false,
  async load() {
    const datasets = (await allRecords<DatasetRecord>('datasets')).sort((a, b) => b.importedAt - a.importedAt);
    set({ datasets, selectedId: datasets[0]?.id ?? null, loaded: true });
  },
  async importFile(file) {
    set({ importing: file.name, importError: null, importNote: null, importProgress: { fraction: 0 } });
    try {
      const { record, duplicates } = await importWorker().call(
        'importDataset',
        { file, fileName: file.name, catalog: defaultCatalog, dedupe: get().dedupe },
        { onProgress: (fraction, note) => set({ importProgress: { fraction, note } }) },
      );
      if (duplicates > 0) set({ importNote: `${file.name}: kept the first sample of each repeated id, dropped ${duplicates}` });
      set({ datasets: [record, ...get().datasets], selectedId: record.id });
    } catch (e) {
      set({ importError: (e as Error).message });
    } finally {
      set({ importing: null, importProgress: null });
    }
  },
  /** Fills a dataset's tasks (and ground truths, metrics) from LLMRouter query files (default_query_*.jsonl) by query text. */
  async joinQueries(id, files) {
    const dataset = get().datasets.find((d) => d.id === id);
    if (!dataset) return;
    set({ importError: null, importNote: null });
    try {
      const info = new Map<string, QueryInfo>();
      for (const file of files) for (const [query, known] of readQueryInfo(await file.text(), file.name)) info.set(query, known);
      const samples = withQueryInfo(dataset.samples, info);
      const record = { ...dataset, samples, stats: datasetStats(samples) };
      await putRecord('datasets', record);
      const withTask = samples.filter((s) => s.task !== undefined).length;
      set({
        datasets: get().datasets.map((d) => (d.id === id ? record : d)),
        importNote: `${files.map((f) => f.name).join(', ')}: ${withTask} of ${samples.length} queries now have a task`,
      });
    } catch (e) {
      set({ importError: (e as Error).message });
    }
  },
  select(id) {
    set({ selectedId: id });
  },
  async remove(id) {
    await deleteRecord('datasets', id);
    const datasets = get().datasets.filter((d) => d.id !== id);
    set({ datasets, selectedId: get().selectedId === id ? (datasets[0]?.id ?? null) : get().selectedId });
  },
}));

/** How far embedding a dataset's queries has got, and the time left at the rate so far. */
export interface EmbedProgress {
  done: number;
  total: number;
  secondsLeft: number;
}

/** Texts per encoder call: small enough for steady progress, large enough to batch well. */
const EMBED_BATCH = 128;

/** Query embeddings per dataset and encoder, computed once per session by the encoder worker, with whoever waits told the progress. */
const embeddingCache = new Map<string, { vectors: Promise<Float32Array[]>; listeners: Set<(p: EmbedProgress) => void> }>();

/** The embedding of every query of a dataset by the chosen encoder, in sample order; `onProgress` hears each batch done. */
export function datasetEmbeddings(dataset: DatasetRecord, onProgress?: (p: EmbedProgress) => void): Promise<Float32Array[]> {
  const key = `${encoderKey()} ${dataset.id}`;
  let cached = embeddingCache.get(key);
  if (!cached) {
    const listeners = new Set<(p: EmbedProgress) => void>();
    const vectors = embedInBatches(
      dataset.samples.map((s) => s.query),
      (p) => listeners.forEach((l) => l(p)),
    );
    vectors.catch(() => embeddingCache.delete(key));
    cached = { vectors, listeners };
    embeddingCache.set(key, cached);
  }
  if (onProgress) cached.listeners.add(onProgress);
  return cached.vectors;
}

async function embedInBatches(texts: readonly string[], report: (p: EmbedProgress) => void): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  const started = performance.now();
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    vectors.push(...(await embedTexts(texts.slice(i, i + EMBED_BATCH))));
    const seconds = (performance.now() - started) / 1000;
    report({ done: vectors.length, total: texts.length, secondsLeft: (seconds / vectors.length) * (texts.length - vectors.length) });
  }
  return vectors;
}
