// RouterBench's wide CSV to native samples: `sample_id, prompt, eval_name`, a score column per model with its
// `<model>|total_cost` (and optional `<model>|model_response`); other columns are ignored; an empty score cell
// means the model was not run. An empty cost cell is priced from the catalog (see pricing.ts).
import type { RoutingSample } from '../sample.ts';
import { DataError, validate } from '../data-error.ts';
import { costCell, readCsv, requireColumns, scoreCell } from '../csv.ts';
import { modelId, pricedCall, type ImportOptions } from '../pricing.ts';

const COST = '|total_cost';
const RESPONSE = '|model_response';

export function importRouterbench(text: string, file: string, options: ImportOptions): RoutingSample[] {
  const table = readCsv(text, file);
  requireColumns(table, ['sample_id', 'prompt', 'eval_name'], file);
  const models = table.columns.filter((c) => !c.includes('|') && table.columns.includes(c + COST));
  if (models.length === 0) throw new DataError({ file, line: 1 }, `no model columns: expected a score column "<model>" beside each "<model>${COST}"`);
  return table.rows.map(({ line, cells }) => {
    const id = cells.sample_id!.trim();
    if (id === '') throw new DataError({ file, line, field: 'sample_id' }, 'empty sample id');
    const query = cells.prompt!;
    const outcomes: RoutingSample['outcomes'] = {};
    for (const model of models) {
      const scoreText = cells[model]!.trim();
      if (scoreText === '') continue;
      const score = validate(scoreCell, scoreText, { file, line, field: model });
      const response = table.columns.includes(model + RESPONSE) ? cells[model + RESPONSE] : undefined;
      const costText = cells[model + COST]!.trim();
      const cost =
        costText === ''
          ? pricedCall(model, { query, response }, options, { file, line, field: model + COST })
          : { cost: validate(costCell, costText, { file, line, field: model + COST }) };
      outcomes[modelId(model, options)] = { score, ...cost, response: response || undefined };
    }
    return { id, query, task: cells.eval_name || undefined, outcomes };
  });
}
