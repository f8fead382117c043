// The router lab's datasets: imported (in a worker) from any supported format, kept in IndexedDB with their
// statistics, one of them selected for training and evaluation.
import { create } from 'zustand';
import type { RoutingSample } from '../../core/data/sample.ts';
import type { DatasetStats } from '../../core/data/stats.ts';
import { defaultCatalog } from '../../core/catalog/catalog.ts';
import { allRecords, deleteRecord, putRecord } from '../../platform/browser/records.ts';
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
  importError: string | null;
  loaded: boolean;
  load(): Promise<void>;
  importFile(file: File): Promise<void>;
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
  importError: null,
  loaded: false,
  async load() {
    const datasets = (await allRecords<DatasetRecord>('datasets')).sort((a, b) => b.importedAt - a.importedAt);
    set({ datasets, selectedId: datasets[0]?.id ?? null, loaded: true });
  },
  async importFile(file) {
    set({ importing: file.name, importError: null });
    try {
      const text = await file.text();
      const { format, samples, stats } = await importWorker().call('importDataset', { text, fileName: file.name, catalog: defaultCatalog });
      const record: DatasetRecord = { id: crypto.randomUUID(), name: file.name, format, importedAt: Date.now(), stats, samples };
      await putRecord('datasets', record);
      set({ datasets: [record, ...get().datasets], selectedId: record.id });
    } catch (e) {
      set({ importError: (e as Error).message });
    } finally {
      set({ importing: null });
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

/** Query embeddings per dataset and encoder, computed once per session by the encoder worker. */
const embeddingCache = new Map<string, Promise<Float32Array[]>>();

/** The embedding of every query of a dataset by the chosen encoder, in sample order. */
export function datasetEmbeddings(dataset: DatasetRecord): Promise<Float32Array[]> {
  const key = `${encoderKey()} ${dataset.id}`;
  let cached = embeddingCache.get(key);
  if (!cached) {
    cached = embedTexts(dataset.samples.map((s) => s.query));
    cached.catch(() => embeddingCache.delete(key));
    embeddingCache.set(key, cached);
  }
  return cached;
}
