// The user's model catalog: the shipped catalog with the user's price edits and added models, and which
// models the router may choose from. Kept in IndexedDB (settings "catalog").
import { create } from 'zustand';
import { defaultCatalog } from '../../core/catalog/catalog.ts';
import { catalogModelSchema, type CatalogModel } from '../../core/catalog/model.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';

const KEY = 'catalog';

interface SavedCatalog {
  /** Models the user added, or shipped models with the user's edits (same id replaces). */
  models: CatalogModel[];
  /** Ids of the models the router may choose from. */
  enabled: string[];
}

interface CatalogStore extends SavedCatalog {
  loaded: boolean;
  load(): Promise<void>;
  /** Adds a model or replaces the one with its id; throws naming the field that is wrong. */
  saveModel(model: unknown): Promise<void>;
  setPrices(id: string, input_price: number, output_price: number): Promise<void>;
  setEnabled(id: string, enabled: boolean): Promise<void>;
}

export const useCatalog = create<CatalogStore>((set, get) => {
  const persist = async (next: SavedCatalog) => {
    set(next);
    await saveSetting<SavedCatalog>(KEY, next);
  };
  return {
    models: [],
    enabled: [],
    loaded: false,
    async load() {
      const saved = await loadSetting<SavedCatalog>(KEY);
      set({ models: saved?.models ?? [], enabled: saved?.enabled ?? [], loaded: true });
    },
    async saveModel(value) {
      const parsed = catalogModelSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`model field "${issue.path.join('.')}": ${issue.message}`);
      }
      const model = parsed.data;
      const { models, enabled } = get();
      await persist({
        models: [...models.filter((m) => m.id !== model.id), model],
        enabled: enabled.includes(model.id) ? enabled : [...enabled, model.id],
      });
    },
    async setPrices(id, input_price, output_price) {
      const model = catalogModels(get().models).find((m) => m.id === id);
      if (!model) return;
      await persist({
        models: [...get().models.filter((m) => m.id !== id), { ...model, input_price, output_price }],
        enabled: get().enabled,
      });
    },
    async setEnabled(id, on) {
      const enabled = get().enabled.filter((m) => m !== id);
      await persist({ models: get().models, enabled: on ? [...enabled, id] : enabled });
    },
  };
});

/** The effective catalog: shipped models with the user's edits, then the user's own models. */
export function catalogModels(userModels: readonly CatalogModel[]): CatalogModel[] {
  const edits = new Map(userModels.map((m) => [m.id, m]));
  const shipped = defaultCatalog.models.map((m) => edits.get(m.id) ?? m);
  const shippedIds = new Set(defaultCatalog.models.map((m) => m.id));
  return [...shipped, ...userModels.filter((m) => !shippedIds.has(m.id))];
}
