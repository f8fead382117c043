// One policy for repeated sample ids, whatever the format and however many files: refuse, naming the ids,
// or (asked for) keep the first sample of each id and count the ones dropped.
import type { RoutingSample } from './sample.ts';
import { DataError } from './data-error.ts';

export interface DatasetPart {
  file: string;
  samples: readonly RoutingSample[];
}

export interface Joined {
  samples: RoutingSample[];
  /** Samples dropped because an earlier one had their id (only with `dedupe`). */
  duplicates: number;
}

/** Ids named in a refusal before "and N more". */
const NAMED = 5;

/** Joins the parts in order; repeated ids throw a DataError naming them unless `dedupe` keeps the first of each. */
export function joinSamples(parts: readonly DatasetPart[], dedupe = false): Joined {
  const owner = new Map<string, string>();
  const samples: RoutingSample[] = [];
  const repeated: string[] = [];
  for (const { file, samples: list } of parts) {
    for (const s of list) {
      const first = owner.get(s.id);
      if (first === undefined) {
        owner.set(s.id, file);
        samples.push(s);
      } else repeated.push(first === file ? `"${s.id}" (twice in ${file})` : `"${s.id}" (in ${first} and ${file})`);
    }
  }
  if (repeated.length > 0 && !dedupe) {
    const named = repeated.slice(0, NAMED).join(', ') + (repeated.length > NAMED ? ` and ${repeated.length - NAMED} more` : '');
    throw new DataError(
      { file: parts.map((p) => p.file).join(', '), field: 'id' },
      `${repeated.length} repeated sample id${repeated.length === 1 ? '' : 's'}: ${named}; remove ` +
        `them, or keep the first of each (--dedupe, or the lab's "Keep the first of repeated sample ids")`,
    );
  }
  return { samples, duplicates: repeated.length };
}
