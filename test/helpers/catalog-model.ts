// A catalog entry for tests: a model served by the provider test server (or any provider a test names), priced at
// $1 in and $2 out per million tokens unless the test says otherwise.
import type { CatalogModel } from '../../src/core/catalog/model.ts';

/** The entry for `id` at `provider`, asking it for `api_model`; `extra` adds or replaces fields. */
export function catalogModel(id: string, provider: string, api_model: string, extra: Partial<CatalogModel> = {}): CatalogModel {
  return { id, provider, api_model, input_price: 1, output_price: 2, context_window: 8192, description: id, strengths: [], ...extra };
}
