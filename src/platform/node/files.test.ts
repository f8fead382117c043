import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesIn, writeTextAtomic } from './files.ts';

describe('Node file adapter', () => {
  it('writes atomically: replaces the target, leaves no temp file, and a failed write changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llmrouter-files-'));
    const target = join(dir, 'out.jsonl');
    writeFileSync(target, 'old\n');
    await writeTextAtomic(target, 'new\n');
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['out.jsonl']);
    mkdirSync(join(dir, 'taken.jsonl'));
    await expect(writeTextAtomic(join(dir, 'taken.jsonl'), 'x')).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['out.jsonl', 'taken.jsonl']);
  });

  it('lists a folder’s files of one kind, sorted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llmrouter-files-'));
    for (const name of ['b.csv', 'a.CSV', 'notes.txt']) writeFileSync(join(dir, name), '');
    expect(await filesIn(dir, '.csv')).toEqual([join(dir, 'a.CSV'), join(dir, 'b.csv')]);
  });
});
