// The model catalog a CLI verb reads (--catalog FILE, else the shipped one) and the models it is limited to
// (--allowed A,B: each must be in that catalog, an unknown id refused with the nearest known one).
import { existingFile, type FlagValues } from './command.ts';
import { unknownName } from './known-names.ts';
import { defaultCatalog, findModel, parseCatalog } from '../core/catalog/catalog.ts';
import type { Catalog, CatalogModel } from '../core/catalog/model.ts';
import { readText } from '../platform/node/files.ts';

/** The catalog of --catalog FILE, else the shipped default. */
export async function catalogFlag(values: FlagValues): Promise<Catalog> {
  const path = values.catalog;
  if (typeof path !== 'string') return defaultCatalog;
  const text = await readText(existingFile(path, 'catalog'));
  try {
    return parseCatalog(JSON.parse(text), path);
  } catch (e) {
    throw new Error(
      e instanceof SyntaxError ? `${path}: not JSON (${e.message}); a catalog is {"models": [...]} (DESIGN.md)` : (e as Error).message,
    );
  }
}

/** The ids in a comma-separated flag (default --allowed), or undefined when it is absent. */
export function idsFlag(values: FlagValues, flag = 'allowed'): string[] | undefined {
  const raw = values[flag];
  return typeof raw === 'string'
    ? raw
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean)
    : undefined;
}

/** The catalog entries of models named by id; an id the catalog lacks is refused, naming the nearest known one. */
export function catalogModels(catalog: Catalog, ids: readonly string[], flag = 'allowed'): CatalogModel[] {
  return ids.map((id) => findModel(catalog, id) ?? throwUnknownModel(catalog, id, flag));
}

function throwUnknownModel(catalog: Catalog, id: string, flag: string): never {
  throw unknownName(
    `model in --${flag}`,
    id,
    catalog.models.map((m) => m.id),
    "the catalog lists them: --catalog FILE, or the app's Settings > Models",
  );
}
