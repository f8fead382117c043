// CSV records with the line each starts on (papaparse does the parsing; quoted cells may span lines).
import Papa from 'papaparse';
import { z } from 'zod';
import { DataError } from './data-error.ts';

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  /** Cell text by column name. */
  cells: Record<string, string>;
}

export interface CsvTable {
  columns: string[];
  rows: CsvRow[];
}

/**
 * Reads a CSV with a header row; a row with the wrong number of cells or a bad quote is an error naming its line.
 * Columns with an empty header (the index pandas writes first) are not data: they are left out of `columns` and cells.
 */
export function readCsv(source: string, file: string): CsvTable {
  const text = source.replace(/^\uFEFF/, '');
  const records: { line: number; cells: string[] }[] = [];
  let counted = 0;
  let line = 1;
  let rowStart = 0;
  let failure: DataError | undefined;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    step(result, handle) {
      for (; counted < rowStart; counted++) if (text.charCodeAt(counted) === 10) line++;
      const error = result.errors[0];
      if (error) {
        failure = new DataError({ file, line }, `malformed CSV: ${error.message}`);
        handle.abort();
        return;
      }
      const cells = result.data;
      if (!(cells.length === 1 && cells[0] === '')) records.push({ line, cells });
      rowStart = result.meta.cursor;
    },
  });
  if (failure) throw failure;
  const [header, ...body] = records;
  if (!header) throw new DataError({ file }, 'empty CSV: no header row');
  const named = header.cells.map((c, i) => ({ name: c.trim(), i })).filter((c) => c.name !== '');
  const rows = body.map(({ line: at, cells }) => {
    if (cells.length !== header.cells.length) {
      throw new DataError({ file, line: at }, `row has ${cells.length} cells, the header has ${header.cells.length}`);
    }
    return { line: at, cells: Object.fromEntries(named.map((c) => [c.name, cells[c.i]!])) };
  });
  return { columns: named.map((c) => c.name), rows };
}

/** A score cell: a number in [0,1]. */
export const scoreCell = z.coerce.number().min(0).max(1);
/** A cost cell: USD, not negative. */
export const costCell = z.coerce.number().min(0);
/** A correctness cell as pandas writes booleans (True/False), or true/false, 1/0. */
export const booleanCell = z
  .enum(['True', 'False', 'true', 'false', 'TRUE', 'FALSE', '1', '0', '1.0', '0.0'])
  .transform((v) => (['True', 'true', 'TRUE', '1', '1.0'].includes(v) ? 1 : 0));

/** Fails naming the first of `required` that the header lacks. */
export function requireColumns(table: CsvTable, required: readonly string[], file: string): void {
  const missing = required.find((c) => !table.columns.includes(c));
  if (missing !== undefined) throw new DataError({ file, line: 1, field: missing }, 'required column is missing');
}
