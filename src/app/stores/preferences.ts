// The user's routing preferences (cost/quality knob, spending budget), kept in IndexedDB across reloads.
import { create } from 'zustand';
import type { Budget } from '../../core/providers/spending-guard.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';

const KEY = 'preferences';

interface Preferences {
  /** Cost/quality trade-off of the shared decision rule; 0 = quality only. */
  lambda: number;
  /** Daily and monthly USD limits; calls that would pass them are refused before they go out. */
  budget: Budget;
}

interface PreferencesStore extends Preferences {
  loaded: boolean;
  load(): Promise<void>;
  setLambda(lambda: number): Promise<void>;
  setBudget(budget: Budget): Promise<void>;
}

export const usePreferences = create<PreferencesStore>((set, get) => ({
  lambda: 0.5,
  budget: {},
  loaded: false,
  async load() {
    const saved = await loadSetting<Preferences>(KEY);
    set({ ...saved, loaded: true });
  },
  async setLambda(lambda) {
    set({ lambda });
    await saveSetting<Preferences>(KEY, { lambda: get().lambda, budget: get().budget });
  },
  async setBudget(budget) {
    set({ budget });
    await saveSetting<Preferences>(KEY, { lambda: get().lambda, budget: get().budget });
  },
}));
