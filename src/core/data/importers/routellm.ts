// RouteLLM's evaluation CSV to native samples: `prompt`, one True/False column per model, optional
// `<model>_response`. The task is the file name (one file per MMLU subject). Costs come from catalog prices
// with tokens estimated from the text (see pricing.ts); an empty cell means the model was not run.
import type { RoutingSample } from '../sample.ts';
import { DataError, fileStem } from '../data-error.ts';
import { booleanCell, readCsv, requireColumns } from '../csv.ts';
import type { ImportOptions } from '../pricing.ts';
import { wideRowOutcomes } from './wide-row.ts';

const RESPONSE = '_response';

export function importRoutellm(text: string, file: string, options: ImportOptions): RoutingSample[] {
  const table = readCsv(text, file);
  requireColumns(table, ['prompt'], file);
  const models = table.columns.filter((c) => c !== 'prompt' && !c.endsWith(RESPONSE));
  if (models.length === 0)
    throw new DataError({ file, line: 1 }, 'no model columns: expected one True/False column per model beside "prompt"');
  const task = fileStem(file);
  const layout = { columns: table.columns, models, score: booleanCell, responseSuffix: RESPONSE };
  return table.rows.map((row, i) => {
    const query = row.cells.prompt!;
    return { id: `${task}-${i}`, query, task, outcomes: wideRowOutcomes(layout, row, query, file, options) };
  });
}
