// The user's routing preferences (cost/quality knob), kept in IndexedDB across reloads.
import { create } from 'zustand';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';
import { DEFAULT_LAMBDA } from '../../core/routers/decide.ts';

const KEY = 'preferences';

interface Preferences {
  /** Cost/quality trade-off of the shared decision rule; 0 = quality only, else a point of quality is worth USD
   * 1/lambda per thousand messages. */
  lambda: number;
}

interface PreferencesStore extends Preferences {
  loaded: boolean;
  load(): Promise<void>;
  setLambda(lambda: number): Promise<void>;
}

export const usePreferences = create<PreferencesStore>((set, get) => ({
  lambda: DEFAULT_LAMBDA,
  loaded: false,
  async load() {
    const saved = await loadSetting<Preferences>(KEY);
    set({ ...saved, loaded: true });
  },
  async setLambda(lambda) {
    set({ lambda });
    await saveSetting<Preferences>(KEY, { lambda: get().lambda });
  },
}));
