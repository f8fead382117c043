// RouteLLM's evaluation CSV to native samples: `prompt`, one True/False column per model, optional
// `<model>_response`. The task is the file name (one file per MMLU subject). Costs come from catalog prices
// with tokens estimated from the text (see pricing.ts); an empty cell means the model was not run.
import type { RoutingSample } from '../sample.ts';
import { DataError, fileStem, validate } from '../data-error.ts';
import { booleanCell, readCsv, requireColumns } from '../csv.ts';
import { modelId, pricedCall, type ImportOptions } from '../pricing.ts';

const RESPONSE = '_response';

export function importRoutellm(text: string, file: string, options: ImportOptions): RoutingSample[] {
  const table = readCsv(text, file);
  requireColumns(table, ['prompt'], file);
  const models = table.columns.filter((c) => c !== 'prompt' && !c.endsWith(RESPONSE));
  if (models.length === 0) throw new DataError({ file, line: 1 }, 'no model columns: expected one True/False column per model beside "prompt"');
  const task = fileStem(file);
  return table.rows.map(({ line, cells }, i) => {
    const query = cells.prompt!;
    const outcomes: RoutingSample['outcomes'] = {};
    for (const model of models) {
      const cell = cells[model]!.trim();
      if (cell === '') continue;
      const score = validate(booleanCell, cell, { file, line, field: model });
      const response = table.columns.includes(model + RESPONSE) ? cells[model + RESPONSE] : undefined;
      outcomes[modelId(model, options)] = { score, ...pricedCall(model, { query, response }, options, { file, line, field: model }), response };
    }
    return { id: `${task}-${i}`, query, task, outcomes };
  });
}
