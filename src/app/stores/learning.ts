// The local learning log: every routed call's outcome (beside the provider layer's per-attempt records),
// the user's feedback on it, and retraining: once enough new training samples have come from feedback
// (or on demand), the router in use is refitted on its own data plus the log, in the lab worker, and the
// result replaces it in chat. Kept in IndexedDB (`outcomes`, and settings "learning").
import { create } from 'zustand';
import { isOutcomeRecord, type Feedback, type OutcomeRecord } from '../../core/learn/outcome.ts';
import { logToSamples, weighted } from '../../core/learn/to-samples.ts';
import type { RouterFile } from '../../core/routers/router.ts';
import { modelsOf } from '../../core/data/sample.ts';
import { allRecords, getRecord, putRecord } from '../../platform/browser/records.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';
import { labWorker, trainWorker } from '../lab-worker.ts';
import type { Changes } from '../../workers/lab.worker.ts';
import { catalogModels, useCatalog } from './catalog.ts';
import { embedTexts, stampEncoder } from './encoder.ts';
import { routerEntry } from '../../core/routers/registry.ts';
import { datasetEmbeddings, useLab } from './lab.ts';
import { usePreferences } from './preferences.ts';
import { defaultRouterUrl, routerLabel, useRouter } from './router.ts';

const KEY = 'learning';

interface LearningSettings {
  /** Retrain in the background once this many new training samples came from feedback. */
  retrainEvery: number;
  /** How many benchmark samples one logged sample counts as when retraining. */
  feedbackWeight: number;
  /** Training samples in the log at the last retraining. */
  trainedSamples: number;
  last?: { at: number; samples: number; router: string; changes: Changes };
}

interface LearningStore extends LearningSettings {
  outcomes: OutcomeRecord[];
  loaded: boolean;
  retraining: boolean;
  retrainError?: string;
  load(): Promise<void>;
  log(record: OutcomeRecord): Promise<void>;
  feedback(outcomeId: string, feedback: Feedback): Promise<void>;
  setRetrainEvery(n: number): Promise<void>;
  setFeedbackWeight(weight: number): Promise<void>;
  retrain(): Promise<void>;
}

export const useLearning = create<LearningStore>((set, get) => {
  const persist = async (patch: Partial<LearningSettings>) => {
    set(patch);
    const { retrainEvery, feedbackWeight, trainedSamples, last } = get();
    await saveSetting<LearningSettings>(KEY, { retrainEvery, feedbackWeight, trainedSamples, ...(last ? { last } : {}) });
  };
  return {
    outcomes: [],
    loaded: false,
    retraining: false,
    retrainEvery: 5,
    feedbackWeight: 5,
    trainedSamples: 0,
    async load() {
      const [records, saved] = await Promise.all([allRecords<{ id: string; type?: unknown }>('outcomes'), loadSetting<LearningSettings>(KEY)]);
      set({ ...saved, outcomes: records.filter(isOutcomeRecord).sort((a, b) => a.at - b.at), loaded: true });
    },
    async log(record) {
      set({ outcomes: [...get().outcomes, record] });
      await putRecord('outcomes', record);
    },
    async feedback(outcomeId, feedback) {
      const saved = await getRecord<OutcomeRecord>('outcomes', outcomeId);
      if (!saved) return;
      const next = { ...saved, feedback: { ...saved.feedback, ...feedback } };
      set({ outcomes: get().outcomes.map((o) => (o.id === outcomeId ? next : o)) });
      await putRecord('outcomes', next);
      const { retrainEvery, trainedSamples, retraining } = get();
      if (!retraining && logToSamples(get().outcomes).samples.length - trainedSamples >= retrainEvery) void get().retrain();
    },
    async setRetrainEvery(retrainEvery) {
      await persist({ retrainEvery: Math.max(1, Math.round(retrainEvery)) });
    },
    async setFeedbackWeight(feedbackWeight) {
      await persist({ feedbackWeight: Math.max(1, Math.round(feedbackWeight)) });
    },
    async retrain() {
      set({ retraining: true, retrainError: undefined });
      try {
        const log = logToSamples(get().outcomes);
        if (log.samples.length === 0) throw new Error('no feedback yet: rate some answers first');
        const logged = weighted(log, get().feedbackWeight);
        const { choice, saved, save } = useRouter.getState();
        const current = 'saved' in choice ? saved.find((r) => r.id === choice.saved) : undefined;
        const base: RouterFile = current?.file ?? (await (await fetch(defaultRouterUrl())).json());
        const dataset = useLab.getState().datasets.find((d) => d.id === current?.datasetId);
        const baseSamples = dataset?.samples ?? [];
        const missing = logged.samples.filter((_, i) => !logged.embeddings[i]).map((s) => s.query);
        const [baseVectors, filled] = await Promise.all([dataset ? datasetEmbeddings(dataset) : [], missing.length ? embedTexts(missing) : []]);
        let next = 0;
        const logVectors = logged.embeddings.map((e) => e ?? filled[next++]!);
        const samples = [...baseSamples, ...logged.samples];
        const trained = await trainWorker().train(base.router, base.options as Record<string, unknown>, {
          samples,
          embeddings: [...baseVectors, ...logVectors],
          models: modelsOf(samples),
          catalog: catalogModels(useCatalog.getState().models),
        });
        const changes = await labWorker().call('compare', {
          before: base,
          after: trained.file,
          queries: log.samples.map((s) => ({ text: s.query, embedding: logVectors[logged.samples.findIndex((w) => w.id === s.id)] })),
          lambda: usePreferences.getState().lambda,
        });
        const label = `${base.router} + ${log.samples.length} from feedback`;
        await save(
          {
            id: crypto.randomUUID(),
            label,
            createdAt: Date.now(),
            origin: 'learning',
            file: await stampEncoder(trained.file, routerEntry(base.router).input === 'embedding'),
            trainedOn: `${dataset?.name ?? 'the shipped default'} and ${log.samples.length} logged samples (each counted ${get().feedbackWeight}×)`,
            ...(dataset ? { datasetId: dataset.id } : {}),
          },
          true,
        );
        await persist({ trainedSamples: log.samples.length, last: { at: Date.now(), samples: log.samples.length, router: routerLabel(useRouter.getState().choice, useRouter.getState().saved), changes } });
      } catch (e) {
        set({ retrainError: (e as Error).message });
      } finally {
        set({ retraining: false });
      }
    },
  };
});
