// Attempt outcomes appended to a JSONL file, one record a line: the CLI's outcome sink.
import { appendFile } from 'node:fs/promises';
import type { AttemptOutcome, OutcomeSink } from '../../core/providers/outcome.ts';

export function jsonlOutcomeSink(path: string): OutcomeSink {
  return { record: (outcome: AttemptOutcome) => appendFile(path, `${JSON.stringify(outcome)}\n`, 'utf8') };
}
