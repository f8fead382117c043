// Attempt outcomes (and other records) appended to a JSONL file, one record a line: the CLI's outcome log.
import { appendFile } from 'node:fs/promises';
import type { AttemptOutcome, OutcomeSink } from '../../core/providers/outcome.ts';

export function jsonlOutcomeSink(path: string): OutcomeSink {
  return { record: (outcome: AttemptOutcome) => appendJsonLine(path, outcome) };
}

/** Appends one record as a line. */
export function appendJsonLine(path: string, record: object): Promise<void> {
  return appendFile(path, `${JSON.stringify(record)}\n`, 'utf8');
}
