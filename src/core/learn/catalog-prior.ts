// What a cold online router expects of each model before any outcome: the mean of the catalog's public benchmark
// figures for the model (the figures the irt router's catalog priors start from), or a constant for a model with
// none (a price says too little: on LLMRouter's data a 70B chat model priced like the best scores below the 7Bs).
// No outcome is read.
import type { CatalogModel } from '../catalog/model.ts';

/** Each model's prior quality in [0,1] (in `models` order); `fallback` for a model without figures. */
export function catalogPriors(models: readonly string[], catalog: readonly CatalogModel[], fallback: number): number[] {
  return models.map((id) => {
    const figures = Object.values(catalog.find((m) => m.id === id)?.benchmarks ?? {}).map((f) => f.score);
    return figures.length === 0 ? fallback : figures.reduce((s, v) => s + v, 0) / figures.length;
  });
}
