// The local learning log: every routed call's outcome (beside the provider layer's per-attempt records), the user's feedback on it, and how many new training
// samples wait for the next retraining. Kept in IndexedDB's `outcomes` store.
import { create } from 'zustand';
import { isOutcomeRecord, type Feedback, type OutcomeRecord } from '../../core/learn/outcome.ts';
import { allRecords, getRecord, putRecord } from '../../platform/browser/records.ts';

interface LearningStore {
  outcomes: OutcomeRecord[];
  loaded: boolean;
  /** Training samples in the log when the router was last retrained. */
  samplesAtLastTraining: number;
  load(): Promise<void>;
  log(record: OutcomeRecord): Promise<void>;
  feedback(outcomeId: string, feedback: Feedback): Promise<void>;
}

export const useLearning = create<LearningStore>((set, get) => ({
  outcomes: [],
  loaded: false,
  samplesAtLastTraining: 0,
  async load() {
    const records = await allRecords<{ id: string; type?: unknown }>('outcomes');
    set({ outcomes: records.filter(isOutcomeRecord).sort((a, b) => a.at - b.at), loaded: true });
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
  },
}));

