// How the app makes provider calls: the user's fallback settings (mid-stream policy, budgets, timeout),
// kept in IndexedDB, and the one RoutedCaller built from them, whose circuit breaker and concurrency limit
// last the session. Outcomes go to IndexedDB, which is also the spending guard's ledger; each one recorded bumps
// `attempts`, so the top bar's spend follows every call of every mode.
import { create } from 'zustand';
import type { CatalogModel } from '../../core/catalog/model.ts';
import { CircuitBreaker } from '../../core/providers/circuit-breaker.ts';
import type { OutcomeSink } from '../../core/providers/outcome.ts';
import { RoutedCaller, type FallbackPolicy } from '../../core/providers/routed-call.ts';
import { SpendingGuard, type Budget } from '../../core/providers/spending-guard.ts';
import { idbOutcomes } from '../../platform/browser/outcome-store.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';
import { useProviders } from './providers.ts';

const KEY = 'call-settings';

export interface CallSettings extends Budget {
  midStream: FallbackPolicy['midStream'];
  timeoutMs: number;
  concurrency: number;
}

interface CallsStore {
  settings: CallSettings;
  loaded: boolean;
  /** Provider attempts recorded this session. */
  attempts: number;
  load(): Promise<void>;
  update(change: Partial<CallSettings>): Promise<void>;
  /** The caller for this catalog under the current settings. */
  caller(catalog: readonly CatalogModel[]): RoutedCaller;
}

const breaker = new CircuitBreaker({ threshold: 3, cooldownMs: 60_000 });
const sink: OutcomeSink = {
  async record(outcome) {
    await idbOutcomes.record(outcome);
    useCalls.setState((s) => ({ attempts: s.attempts + 1 }));
  },
};
let cached: { catalog: readonly CatalogModel[]; settings: CallSettings; caller: RoutedCaller } | undefined;

export const useCalls = create<CallsStore>((set, get) => ({
  settings: { midStream: 'resume', timeoutMs: 30_000, concurrency: 4 },
  loaded: false,
  attempts: 0,
  async load() {
    const saved = await loadSetting<CallSettings>(KEY);
    set({ settings: { ...get().settings, ...saved }, loaded: true });
  },
  async update(change) {
    const settings = { ...get().settings, ...change };
    set({ settings });
    await saveSetting(KEY, settings);
  },
  caller(catalog) {
    const { settings } = get();
    if (cached?.catalog === catalog && cached.settings === settings) return cached.caller;
    const caller = new RoutedCaller({
      catalog,
      endpoint: (provider) => useProviders.getState().endpoint(provider),
      policy: { midStream: settings.midStream, timeoutMs: settings.timeoutMs },
      breaker,
      guard: new SpendingGuard({ dailyUsd: settings.dailyUsd, monthlyUsd: settings.monthlyUsd }, idbOutcomes),
      sink,
      concurrency: settings.concurrency,
    });
    cached = { catalog, settings, caller };
    return caller;
  },
}));
