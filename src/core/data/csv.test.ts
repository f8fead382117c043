import { describe, expect, it } from 'vitest';
import { dataErrorOf } from '../../../test/data-error-of.ts';
import { readCsv } from './csv.ts';

describe('CSV reader', () => {
  it('gives each row the line it starts on, across quoted multi-line cells, CRLF and blank lines', () => {
    const text = '\uFEFFa,b\r\n1,"x\ny"\r\n\r\n3,"say ""hi"""\r\n';
    const table = readCsv(text, 't.csv');
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.rows).toEqual([
      { line: 2, cells: { a: '1', b: 'x\ny' } },
      { line: 5, cells: { a: '3', b: 'say "hi"' } },
    ]);
  });

  it('names the line of a row with the wrong number of cells, and of a bad quote', () => {
    expect(dataErrorOf(() => readCsv('a,b\n1,2\n3\n', 't.csv')).message).toBe('t.csv, line 3: row has 1 cells, the header has 2');
    expect(dataErrorOf(() => readCsv('a,b\n1,2\n3,"open\n', 't.csv')).message).toMatch(/^t\.csv, line 3: malformed CSV/);
  });

  it('rejects an empty file', () => {
    expect(dataErrorOf(() => readCsv('', 't.csv')).message).toBe('t.csv: empty CSV: no header row');
  });

  it('leaves out columns with an empty header, as the index pandas writes first', () => {
    const table = readCsv(',a,b\n0,1,2\n1,3,4\n', 't.csv');
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
    expect(dataErrorOf(() => readCsv(',a\n0,1,2\n', 't.csv')).message).toBe('t.csv, line 2: row has 3 cells, the header has 2');
  });
});
