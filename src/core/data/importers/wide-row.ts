// The outcomes of one row of a wide CSV (one score column per model, beside optional response and cost columns),
// shared by the RouterBench and RouteLLM importers. An empty score cell means the model was not run; a missing or
// empty cost cell is priced from the catalog (see pricing.ts).
import type { ZodType } from 'zod';
import type { Outcome, RoutingSample } from '../sample.ts';
import { validate } from '../data-error.ts';
import { costCell, type CsvRow } from '../csv.ts';
import { modelId, pricedCall, type ImportOptions } from '../pricing.ts';
import { nameMap } from '../named-record.ts';

export interface WideLayout {
  columns: readonly string[];
  models: readonly string[];
  /** How a score cell reads (a number, a boolean). */
  score: ZodType<number>;
  /** `<model><suffix>` holds the model's response. */
  responseSuffix: string;
  /** `<model><suffix>` holds the call's USD cost; absent when the format has none. */
  costSuffix?: string;
}

export function wideRowOutcomes(
  layout: WideLayout,
  { line, cells }: CsvRow,
  query: string,
  file: string,
  options: ImportOptions,
): RoutingSample['outcomes'] {
  const outcomes = nameMap<Outcome>();
  for (const model of layout.models) {
    const scoreText = cells[model]!.trim();
    if (scoreText === '') continue;
    const score = validate(layout.score, scoreText, { file, line, field: model });
    const response = layout.columns.includes(model + layout.responseSuffix) ? cells[model + layout.responseSuffix] || undefined : undefined;
    const costColumn = layout.costSuffix === undefined ? undefined : model + layout.costSuffix;
    const costText = costColumn === undefined ? '' : (cells[costColumn] ?? '').trim();
    const cost =
      costText === ''
        ? pricedCall(model, { query, response }, options, { file, line, field: costColumn ?? model })
        : { cost: validate(costCell, costText, { file, line, field: costColumn }) };
    outcomes[modelId(model, options)] = { score, ...cost, response };
  }
  return outcomes;
}
