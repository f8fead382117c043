// A pipeline run's results as a JSONL journal: each result appended the moment it lands, so a killed run loses at
// most the line being written. Loading drops (and cuts off) a last line left half-written by a kill; any other bad
// line is an error naming it. `compact` rewrites the journal atomically with each pair's latest record only.
import { appendFile, readFile, truncate } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { validate } from '../../core/data/data-error.ts';
import { latestResults, pipelineResultSchema, type PipelineResult, type ResultStore } from '../../core/pipeline/result.ts';
import { writeTextAtomic } from './files.ts';

export class ResultJournal implements ResultStore {
  constructor(readonly path: string) {}

  async load(): Promise<PipelineResult[]> {
    if (!existsSync(this.path)) return [];
    const text = await readFile(this.path, 'utf8');
    const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    if (complete.length < text.length) await truncate(this.path, Buffer.byteLength(complete, 'utf8'));
    return complete
      .split('\n')
      .map((line, i) => ({ line, number: i + 1 }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, number }) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (e) {
          throw new Error(`${this.path}, line ${number}: invalid JSON: ${(e as Error).message}`);
        }
        return validate(pipelineResultSchema, value, { file: this.path, line: number });
      });
  }

  append(result: PipelineResult): Promise<void> {
    return appendFile(this.path, `${JSON.stringify(result)}\n`, 'utf8');
  }

  /** Keeps only the latest record of each (query, model) pair. */
  async compact(): Promise<PipelineResult[]> {
    const latest = [...latestResults(await this.load()).values()];
    await writeTextAtomic(this.path, latest.map((r) => `${JSON.stringify(r)}\n`).join(''));
    return latest;
  }
}
