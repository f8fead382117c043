// The models the router may choose from: enabled in the catalog and served by a provider the user set up.
import { useShallow } from 'zustand/react/shallow';
import type { CatalogModel } from '../../core/catalog/model.ts';
import { catalogModels, useCatalog } from './catalog.ts';
import { useProviders } from './providers.ts';

export function usableModels(): CatalogModel[] {
  const { models, enabled } = useCatalog.getState();
  const providers = new Set(useProviders.getState().providers.map((p) => p.id));
  return catalogModels(models).filter((m) => enabled.includes(m.id) && providers.has(m.provider));
}

/** Ids of the usable models, re-rendering when they change. */
export function useUsableModels(): string[] {
  useCatalog(useShallow((s) => [s.models, s.enabled]));
  useProviders((s) => s.providers);
  return usableModels().map((m) => m.id);
}
