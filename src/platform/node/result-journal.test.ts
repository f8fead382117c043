// The CLI's result journal: a line half-written by a killed run is dropped and cut off, bad lines are named, and
// compacting keeps each pair's latest record.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineResult } from '../../core/pipeline/result.ts';
import { ResultJournal } from './result-journal.ts';

const dir = mkdtempSync(join(tmpdir(), 'journal-'));
const result = (id: string, status: 'ok' | 'failed', at: number): PipelineResult => ({
  id,
  model: 'm',
  task: 't',
  status,
  cost: 0.001,
  at,
  ...(status === 'ok' ? { score: 1 } : { error: { kind: 'server', message: '500' } }),
});

describe('ResultJournal', () => {
  it('drops and cuts off a half-written last line', async () => {
    const path = join(dir, 'cut.results.jsonl');
    const journal = new ResultJournal(path);
    await journal.append(result('a', 'ok', 1));
    appendFileSync(path, '{"id":"b","model":"m","ta');
    expect((await journal.load()).map((r) => r.id)).toEqual(['a']);
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
    await journal.append(result('b', 'ok', 2));
    expect((await journal.load()).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('names a bad line', async () => {
    const path = join(dir, 'bad.results.jsonl');
    writeFileSync(path, `${JSON.stringify(result('a', 'ok', 1))}\n{"id":"b"}\n`);
    await expect(new ResultJournal(path).load()).rejects.toThrow('line 2');
  });

  it('compacts to the latest record of each pair', async () => {
    const journal = new ResultJournal(join(dir, 'compact.results.jsonl'));
    await journal.append(result('a', 'failed', 1));
    await journal.append(result('b', 'ok', 2));
    await journal.append(result('a', 'ok', 3));
    expect((await journal.compact()).map((r) => `${r.id}:${r.status}`)).toEqual(['a:ok', 'b:ok']);
    expect((await journal.load()).length).toBe(2);
  });
});
