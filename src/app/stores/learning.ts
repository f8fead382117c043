// The local learning log: every routed call's outcome (beside the provider layer's per-attempt records),
// the user's feedback on it, and retraining: once there are at least `minSamples` training samples from feedback
// and `retrainEvery` new ones (or on demand), the router in use, whatever its family, gets a feedback layer fitted
// on the log in the routing worker (src/core/learn/retrain.ts); it replaces the router in chat only if it predicts
// held-out logged answers at least as well, and the replacement can be undone. Kept in IndexedDB (`outcomes`, and
// settings "learning"). An online router in use learns each outcome as it comes instead (teach, below).
import { create, type StoreApi } from 'zustand';
import { lessonOfFeedback, lessonsOfLogged, type Lesson } from '../../core/engine/lessons.ts';
import { isOutcomeRecord, type Feedback, type OutcomeRecord } from '../../core/learn/outcome.ts';
import { logToSamples } from '../../core/learn/to-samples.ts';
import { feedbackOptions } from '../../core/learn/feedback-layer.ts';
import type { RefitCheck } from '../../core/learn/retrain.ts';
import { allRecords, getRecord, putRecord } from '../../platform/browser/records.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';
import type { Changes } from '../../workers/route.worker.ts';
import { catalogModels, useCatalog } from './catalog.ts';
import { embedTexts } from './encoder.ts';
import { usePreferences } from './preferences.ts';
import { usableModels } from './usable-models.ts';
import { learnOnline, refitRouterInUse, routerLabel, useRouter, type RouterChoice } from './router.ts';

const KEY = 'learning';

interface LearningSettings {
  /** Retrain in the background once this many new training samples came from feedback. */
  retrainEvery: number;
  /** No retraining before the log holds this many training samples (some are held out to check it). */
  minSamples: number;
  /** How many times the router's own estimate one exactly matching rated answer counts. */
  feedbackWeight: number;
  /** Training samples in the log at the last retraining. */
  trainedSamples: number;
  /** The last retraining (`check` is absent in one logged by an older build). */
  last?: { at: number; samples: number; router: string; changes: Changes; check?: RefitCheck };
  /** The router in use before the last retraining replaced it. */
  undo?: { choice: RouterChoice; label: string };
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
  setMinSamples(n: number): Promise<void>;
  setFeedbackWeight(weight: number): Promise<void>;
  retrain(): Promise<void>;
  undoRetrain(): Promise<void>;
}

/** The fewest samples retraining may start from: two, so one can be held out. */
const LEAST_SAMPLES = 2;

/** Gives the router in use, if it learns online, what an answer teaches (core/engine/lessons.ts). */
async function teach(lesson: Lesson | undefined): Promise<void> {
  if (!lesson) return;
  try {
    await learnOnline(
      usableModels().map((m) => m.id),
      catalogModels(useCatalog.getState().models),
      lesson,
    );
  } catch (e) {
    useLearning.setState({ retrainError: `Online learning failed: ${(e as Error).message}` });
  }
}

type SetLearning = StoreApi<LearningStore>['setState'];
type GetLearning = StoreApi<LearningStore>['getState'];
type Logged = ReturnType<typeof logToSamples>;

/** Applies `patch` to the store and saves the settings it holds. */
async function persistSettings(set: SetLearning, get: GetLearning, patch: Partial<LearningSettings>): Promise<void> {
  set(patch);
  const { retrainEvery, minSamples, feedbackWeight, trainedSamples, last, undo } = get();
  await saveSetting<LearningSettings>(KEY, {
    retrainEvery,
    minSamples,
    feedbackWeight,
    trainedSamples,
    ...(last ? { last } : {}),
    ...(undo ? { undo } : {}),
  });
}

/** Records feedback on an outcome, teaches it, and starts retraining once enough new samples came in. */
async function giveFeedback(set: SetLearning, get: GetLearning, outcomeId: string, feedback: Feedback): Promise<void> {
  const saved = await getRecord<OutcomeRecord>('outcomes', outcomeId);
  if (!saved) return;
  const next = { ...saved, feedback: { ...saved.feedback, ...feedback } };
  set({ outcomes: get().outcomes.map((o) => (o.id === outcomeId ? next : o)) });
  await putRecord('outcomes', next);
  await teach(lessonOfFeedback(saved, feedback));
  const { retrainEvery, minSamples, trainedSamples, retraining } = get();
  const samples = logToSamples(get().outcomes).samples.length;
  if (!retraining && samples >= minSamples && samples - trainedSamples >= retrainEvery) void get().retrain();
}

/** The log's embeddings, those it lacks computed now. */
async function filledEmbeddings(log: Logged): Promise<Float32Array[]> {
  const missing = log.samples.filter((_, i) => !log.embeddings[i]).map((s) => s.query);
  const filled = missing.length ? await embedTexts(missing) : [];
  let next = 0;
  return log.embeddings.map((e) => e ?? filled[next++]!);
}

/** The router in use (to undo to), and the one a retrained router is based on: the base of a learned one, else itself. */
function retrainBases(router: ReturnType<typeof useRouter.getState>) {
  const previous = { choice: router.choice, label: routerLabel(router.choice, router.saved) };
  const current = 'saved' in router.choice ? router.saved.find((r) => r.id === (router.choice as { saved: string }).saved) : undefined;
  return { previous, base: current?.basedOn ?? previous };
}

/** Fits a feedback layer on the log over the router in use and keeps it in use if its check accepts it; returns the settings to save. */
async function retrainOnLog(get: GetLearning): Promise<Partial<LearningSettings>> {
  const log = logToSamples(get().outcomes);
  const minSamples = get().minSamples;
  if (log.samples.length < minSamples)
    throw new Error(`Waiting for feedback: ${log.samples.length} rated answers so far, retraining starts at ${minSamples}.`);
  const embeddings = await filledEmbeddings(log);
  const router = useRouter.getState();
  const { previous, base } = retrainBases(router);
  const result = await refitRouterInUse(
    usableModels().map((m) => m.id),
    catalogModels(useCatalog.getState().models),
    {
      samples: log.samples,
      embeddings,
      options: feedbackOptions.parse({ prior: 1 / get().feedbackWeight }),
      lambda: usePreferences.getState().lambda,
    },
  );
  const n = log.samples.length;
  const label = result.check.accepted ? `${base.label} + ${n} from feedback` : previous.label;
  if (result.check.accepted) {
    await router.save(
      {
        id: crypto.randomUUID(),
        label,
        createdAt: Date.now(),
        origin: 'learning',
        file: result.file,
        trainedOn: `${base.label}, corrected by ${n} rated answers`,
        basedOn: base,
      },
      true,
    );
  }
  return {
    trainedSamples: n,
    last: { at: Date.now(), samples: n, router: label, changes: result.changes, check: result.check },
    ...(result.check.accepted ? { undo: previous } : {}),
  };
}

export const useLearning = create<LearningStore>((set, get) => {
  const persist = (patch: Partial<LearningSettings>) => persistSettings(set, get, patch);
  return {
    outcomes: [],
    loaded: false,
    retraining: false,
    retrainEvery: 5,
    minSamples: 10,
    feedbackWeight: 5,
    trainedSamples: 0,
    async load() {
      const [records, saved] = await Promise.all([
        allRecords<{ id: string; type?: unknown }>('outcomes'),
        loadSetting<LearningSettings>(KEY),
      ]);
      set({ ...saved, outcomes: records.filter(isOutcomeRecord).sort((a, b) => a.at - b.at), loaded: true });
    },
    async log(record) {
      set({ outcomes: [...get().outcomes, record] });
      await putRecord('outcomes', record);
      for (const lesson of lessonsOfLogged(record)) await teach(lesson);
    },
    feedback: (outcomeId, feedback) => giveFeedback(set, get, outcomeId, feedback),
    async setRetrainEvery(retrainEvery) {
      await persist({ retrainEvery: Math.max(1, Math.round(retrainEvery)) });
    },
    async setMinSamples(minSamples) {
      await persist({ minSamples: Math.max(LEAST_SAMPLES, Math.round(minSamples)) });
    },
    async setFeedbackWeight(feedbackWeight) {
      await persist({ feedbackWeight: Math.max(1, Math.round(feedbackWeight)) });
    },
    async retrain() {
      set({ retraining: true, retrainError: undefined });
      try {
        await persist(await retrainOnLog(get));
      } catch (e) {
        set({ retrainError: (e as Error).message });
      } finally {
        set({ retraining: false });
      }
    },
    async undoRetrain() {
      const undo = get().undo;
      if (!undo) return;
      await useRouter.getState().choose(undo.choice);
      set({ undo: undefined, last: undefined });
      await persist({});
    },
  };
});
