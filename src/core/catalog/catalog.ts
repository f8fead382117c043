// The shipped default catalog, catalog validation, and model look-up by id (or by the provider's API model name).
import defaultCatalogJson from './default-catalog.json' with { type: 'json' };
import { catalogSchema, type Catalog, type CatalogModel } from './model.ts';

/** Validates a catalog (parsed JSON); the error names the entry and field that is wrong. */
export function parseCatalog(json: unknown, source = 'catalog'): Catalog {
  const result = catalogSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const [, index, ...field] = issue.path;
    const models = (json as { models?: { id?: unknown }[] } | null)?.models;
    const id = typeof index === 'number' ? models?.[index]?.id : undefined;
    const where = typeof index === 'number' ? ` model ${index}${typeof id === 'string' ? ` (${id})` : ''}` : '';
    throw new Error(`${source}:${where} field "${field.join('.') || issue.path.join('.') || 'models'}": ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const m of result.data.models) {
    if (seen.has(m.id)) throw new Error(`${source}: model id "${m.id}" appears twice`);
    seen.add(m.id);
  }
  return result.data;
}

/** The catalog shipped with the app: public prices with the date each was read. */
export const defaultCatalog: Catalog = parseCatalog(defaultCatalogJson, 'default-catalog.json');

/** The catalog entry a data file's model name refers to: its id, else its provider API model name; undefined if none. */
export function findModel(catalog: Catalog, name: string): CatalogModel | undefined {
  return catalog.models.find((m) => m.id === name) ?? catalog.models.find((m) => m.api_model === name);
}

/** Like findModel, but a missing model is an error that names it. */
export function requireModel(catalog: Catalog, name: string): CatalogModel {
  const model = findModel(catalog, name);
  if (!model) throw new Error(`model "${name}" is not in the catalog`);
  return model;
}
