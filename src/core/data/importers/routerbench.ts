// RouterBench's wide CSV to native samples: `sample_id, prompt, eval_name`, a score column per model with its
// `<model>|total_cost` (and optional `<model>|model_response`); other columns are ignored; an empty score cell
// means the model was not run. An empty cost cell is priced from the catalog (see pricing.ts).
import type { RoutingSample } from '../sample.ts';
import { DataError } from '../data-error.ts';
import { readCsv, requireColumns, scoreCell } from '../csv.ts';
import type { ImportOptions } from '../pricing.ts';
import { wideRowOutcomes } from './wide-row.ts';

const COST = '|total_cost';

export function importRouterbench(text: string, file: string, options: ImportOptions): RoutingSample[] {
  const table = readCsv(text, file);
  requireColumns(table, ['sample_id', 'prompt', 'eval_name'], file);
  const models = table.columns.filter((c) => !c.includes('|') && table.columns.includes(c + COST));
  if (models.length === 0)
    throw new DataError({ file, line: 1 }, `no model columns: expected a score column "<model>" beside each "<model>${COST}"`);
  const layout = { columns: table.columns, models, score: scoreCell, responseSuffix: '|model_response', costSuffix: COST };
  return table.rows.map((row) => {
    const id = row.cells.sample_id!.trim();
    if (id === '') throw new DataError({ file, line: row.line, field: 'sample_id' }, 'empty sample id');
    const query = row.cells.prompt!;
    return { id, query, task: row.cells.eval_name || undefined, outcomes: wideRowOutcomes(layout, row, query, file, options) };
  });
}
