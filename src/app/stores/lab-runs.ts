// The lab's training and evaluation runs: each trains one router on the selected dataset's train split in
// the lab worker and evaluates it on the test split; runs can be cancelled, and a trained one saved for chat.
// Finished runs are kept in IndexedDB (setting `lab-runs`, the latest KEPT_RUNS) with their results but not their
// router files, which can be large: a run from an earlier session shows its results and is trained again to be used.
import { create } from 'zustand';
import { splitDataset } from '../../core/data/split.ts';
import { modelsOf } from '../../core/data/sample.ts';
import { routerClass } from '../../core/routers/registry.ts';
import { stampEncoder } from './encoder.ts';
import { labWorker, trainWorker } from '../lab-worker.ts';
import type { EvaluateResult } from '../../workers/lab.worker.ts';
import type { RouterFile } from '../../core/routers/router.ts';
import { catalogModels, useCatalog } from './catalog.ts';
import { usePreferences } from './preferences.ts';
import { datasetEmbeddings, type DatasetRecord, type EmbedProgress } from './lab.ts';
import { embeddingDetail } from '../format.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';

export interface LabRun {
  id: string;
  router: string;
  datasetId: string;
  status: 'embedding' | 'training' | 'evaluating' | 'done' | 'cancelled' | 'error';
  progress: number;
  /** What the run is doing now, in words (e.g. embedding progress with the time left). */
  detail?: string;
  error?: string;
  /** The trained router's file is absent in a run kept from an earlier session. */
  result?: EvaluateResult & { file?: RouterFile; trainSeconds: number };
  controller?: AbortController;
}

interface SplitChoice {
  testFraction: number;
  seed: number;
}

interface LabRunsStore {
  runs: LabRun[];
  load(): Promise<void>;
  split: SplitChoice;
  setSplit(split: SplitChoice): void;
  start(dataset: DatasetRecord, router: string): Promise<void>;
  cancel(id: string): void;
}

const KEY = 'lab-runs';
const KEPT_RUNS = 30;

/** The finished runs as kept: without their router files and controllers. */
function kept(runs: readonly LabRun[]): LabRun[] {
  return runs
    .filter((r) => r.status === 'done' && r.result)
    .slice(-KEPT_RUNS)
    .map(({ id, router, datasetId, status, progress, result }) => {
      const { file: _file, ...rest } = result!;
      return { id, router, datasetId, status, progress, result: rest };
    });
}

export const useLabRuns = create<LabRunsStore>((set, get) => {
  const patch = (id: string, p: Partial<LabRun>) => set({ runs: get().runs.map((r) => (r.id === id ? { ...r, ...p } : r)) });
  return {
    runs: [],
    async load() {
      const saved = (await loadSetting<LabRun[]>(KEY)) ?? [];
      const current = new Set(get().runs.map((r) => r.id));
      set({ runs: [...saved.filter((r) => !current.has(r.id)), ...get().runs] });
    },
    split: { testFraction: 0.3, seed: 42 },
    setSplit(split) {
      set({ split });
    },
    async start(dataset, router) {
      const id = crypto.randomUUID();
      const controller = new AbortController();
      const needsEmbedding = routerClass(router).input === 'embedding';
      set({
        runs: [
          ...get().runs,
          { id, router, datasetId: dataset.id, status: needsEmbedding ? 'embedding' : 'training', progress: 0, controller },
        ],
      });
      try {
        const { train, test } = splitDataset(dataset.samples, { ...get().split, stratifyByTask: true });
        let trainEmbeddings: Float32Array[] = [];
        let testEmbeddings: Float32Array[] = [];
        if (needsEmbedding) {
          // Cancelling stops waiting at once; the embeddings still land in the cache for the next run.
          const onProgress = (p: EmbedProgress) => patch(id, { progress: p.done / p.total, detail: embeddingDetail(p) });
          const all = await abortable(datasetEmbeddings(dataset, onProgress), controller.signal);
          const byId = new Map(dataset.samples.map((s, i) => [s.id, all[i]!]));
          trainEmbeddings = train.map((s) => byId.get(s.id)!);
          testEmbeddings = test.map((s) => byId.get(s.id)!);
          patch(id, { status: 'training', progress: 0, detail: undefined });
        }
        const entry = routerClass(router);
        const models = modelsOf(dataset.samples);
        const catalog = catalogModels(useCatalog.getState().models);
        // Routers that read the true outcomes (the oracle) are fitted on the test set itself.
        const [fitSamples, fitEmbeddings] = entry.evaluationOnly ? [test, testEmbeddings] : [train, trainEmbeddings];
        const trained = await trainWorker().train(
          router,
          {},
          { samples: fitSamples, embeddings: fitEmbeddings, models, catalog },
          { signal: controller.signal, onProgress: (f) => patch(id, { progress: f * 0.9 }) },
        );
        patch(id, { status: 'evaluating', progress: 0.9 });
        const evaluated = await labWorker().call(
          'evaluate',
          {
            file: trained.file,
            test,
            testEmbeddings,
            nTrain: fitSamples.length,
            models,
            lambda: usePreferences.getState().lambda,
          },
          { signal: controller.signal },
        );
        const result = { ...evaluated, file: await stampEncoder(trained.file, needsEmbedding), trainSeconds: trained.seconds };
        patch(id, { status: 'done', progress: 1, result, controller: undefined });
        await saveSetting(KEY, kept(get().runs));
      } catch (e) {
        const cancelled = controller.signal.aborted;
        patch(id, {
          status: cancelled ? 'cancelled' : 'error',
          controller: undefined,
          ...(cancelled ? {} : { error: (e as Error).message }),
        });
      }
    },
    cancel(id) {
      get()
        .runs.find((r) => r.id === id)
        ?.controller?.abort();
    },
  };
});

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('cancelled')), { once: true });
    work.then(resolve, reject);
  });
}
