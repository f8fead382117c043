// The native routing dataset as JSONL: read (every line validated, ids unique) and write.
import { sampleSchema, type RoutingSample } from './sample.ts';
import { DataError, validate } from './data-error.ts';
import { readJsonLines } from './json-records.ts';

/** Parses a native JSONL dataset; the first bad line throws a DataError naming line and field. */
export function readNative(text: string, file: string): RoutingSample[] {
  const seen = new Set<string>();
  return readJsonLines(text, file).map(({ line, value }) => {
    const sample = validate(sampleSchema, value, { file, line });
    if (seen.has(sample.id)) throw new DataError({ file, line, field: 'id' }, `duplicate id "${sample.id}"`);
    seen.add(sample.id);
    return sample;
  });
}

/** One JSON object per line, newline-terminated. */
export function writeNative(samples: readonly RoutingSample[]): string {
  return samples.map((s) => JSON.stringify(s) + '\n').join('');
}

/** Joins datasets read from several files; ids must stay unique across them. */
export function concatDatasets(parts: readonly { file: string; samples: readonly RoutingSample[] }[]): RoutingSample[] {
  const owner = new Map<string, string>();
  const all: RoutingSample[] = [];
  for (const { file, samples } of parts) {
    for (const s of samples) {
      const first = owner.get(s.id);
      if (first !== undefined) throw new DataError({ file, field: 'id' }, `id "${s.id}" also appears in ${first}`);
      owner.set(s.id, file);
      all.push(s);
    }
  }
  return all;
}
