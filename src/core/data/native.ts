// The native routing dataset as JSONL: read (every line validated) and write. Repeated ids are the
// duplicate policy's business, the same for every format (duplicates.ts).
import { sampleSchema, type RoutingSample } from './sample.ts';
import { validate } from './data-error.ts';
import { readJsonLines } from './json-records.ts';

/** Parses a native JSONL dataset; the first bad line throws a DataError naming line and field. */
export function readNative(text: string, file: string): RoutingSample[] {
  return readJsonLines(text, file).map(({ line, value }) => validate(sampleSchema, value, { file, line }));
}

/** One JSON object per line, newline-terminated. */
export function writeNative(samples: readonly RoutingSample[]): string {
  return samples.map((s) => JSON.stringify(s) + '\n').join('');
}
