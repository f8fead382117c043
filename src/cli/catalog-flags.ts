// The model catalog a CLI verb reads (--catalog FILE, else the shipped one) and the models it is limited to
// (--allowed A,B: each must be in that catalog).
import type { FlagValues } from './command.ts';
import { UsageError } from './usage-error.ts';
import { defaultCatalog, parseCatalog, requireModel } from '../core/catalog/catalog.ts';
import type { Catalog, CatalogModel } from '../core/catalog/model.ts';
import { readText } from '../platform/node/files.ts';

export async function catalogFlag(values: FlagValues): Promise<Catalog> {
  return typeof values.catalog === 'string' ? parseCatalog(JSON.parse(await readText(values.catalog)), values.catalog) : defaultCatalog;
}

/** The ids in a comma-separated flag (default --allowed), or undefined when it is absent. */
export function idsFlag(values: FlagValues, flag = 'allowed'): string[] | undefined {
  const raw = values[flag];
  return typeof raw === 'string' ? raw.split(',').map((m) => m.trim()).filter(Boolean) : undefined;
}

/** The catalog entries of models named by id; every one must be in the catalog. */
export function catalogModels(catalog: Catalog, ids: readonly string[], flag = 'allowed'): CatalogModel[] {
  try {
    return ids.map((m) => requireModel(catalog, m));
  } catch (e) {
    throw new UsageError(`--${flag}: ${(e as Error).message}`);
  }
}
