// The lab's training and evaluation runs: each trains one router on the selected dataset's train split in
// the lab worker and evaluates it on the test split; runs can be cancelled, and a trained one saved for chat.
import { create } from 'zustand';
import { splitDataset } from '../../core/data/split.ts';
import { modelsOf } from '../../core/data/sample.ts';
import { routerEntry } from '../../core/routers/registry.ts';
import { labWorker } from '../lab-worker.ts';
import type { LabRunResult } from '../../workers/lab.worker.ts';
import { catalogModels, useCatalog } from './catalog.ts';
import { usePreferences } from './preferences.ts';
import { datasetEmbeddings, type DatasetRecord } from './lab.ts';

export interface LabRun {
  id: string;
  router: string;
  datasetId: string;
  status: 'embedding' | 'training' | 'done' | 'cancelled' | 'error';
  progress: number;
  error?: string;
  result?: LabRunResult;
  controller?: AbortController;
}

interface SplitChoice {
  testFraction: number;
  seed: number;
}

interface LabRunsStore {
  runs: LabRun[];
  split: SplitChoice;
  setSplit(split: SplitChoice): void;
  start(dataset: DatasetRecord, router: string): Promise<void>;
  cancel(id: string): void;
  clear(): void;
}


export const useLabRuns = create<LabRunsStore>((set, get) => {
  const patch = (id: string, p: Partial<LabRun>) => set({ runs: get().runs.map((r) => (r.id === id ? { ...r, ...p } : r)) });
  return {
    runs: [],
    split: { testFraction: 0.3, seed: 42 },
    setSplit(split) {
      set({ split });
    },
    async start(dataset, router) {
      const id = crypto.randomUUID();
      const controller = new AbortController();
      const needsEmbedding = routerEntry(router).input === 'embedding';
      set({ runs: [...get().runs, { id, router, datasetId: dataset.id, status: needsEmbedding ? 'embedding' : 'training', progress: 0, controller }] });
      try {
        const { train, test } = splitDataset(dataset.samples, { ...get().split, stratifyByTask: true });
        let trainEmbeddings: Float32Array[] = [];
        let testEmbeddings: Float32Array[] = [];
        if (needsEmbedding) {
          const all = await datasetEmbeddings(dataset);
          const byId = new Map(dataset.samples.map((s, i) => [s.id, all[i]!]));
          trainEmbeddings = train.map((s) => byId.get(s.id)!);
          testEmbeddings = test.map((s) => byId.get(s.id)!);
          patch(id, { status: 'training' });
        }
        const result = await labWorker().call(
          'run',
          {
            router,
            train,
            trainEmbeddings,
            test,
            testEmbeddings,
            models: modelsOf(dataset.samples),
            catalog: catalogModels(useCatalog.getState().models),
            lambda: usePreferences.getState().lambda,
          },
          { signal: controller.signal, onProgress: (progress) => patch(id, { progress }) },
        );
        patch(id, { status: 'done', progress: 1, result, controller: undefined });
      } catch (e) {
        const cancelled = controller.signal.aborted;
        patch(id, { status: cancelled ? 'cancelled' : 'error', controller: undefined, ...(cancelled ? {} : { error: (e as Error).message }) });
      }
    },
    cancel(id) {
      get().runs.find((r) => r.id === id)?.controller?.abort();
    },
    clear() {
      set({ runs: get().runs.filter((r) => r.controller) });
    },
  };
});
