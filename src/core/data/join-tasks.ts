// Tasks for datasets that lack them (LLMRouter's dcrouter files): joined by exact query text from
// LLMRouter's query files (`{task_name, query, ...}` per line).
import { z } from 'zod';
import type { RoutingSample } from './sample.ts';
import { readJsonLines } from './json-records.ts';
import { validate } from './data-error.ts';

const querySchema = z.object({ task_name: z.string().min(1), query: z.string() });

/** Task by query text, from the text of an LLMRouter query JSONL file. */
export function readTaskIndex(text: string, file: string, into = new Map<string, string>()): Map<string, string> {
  for (const { line, value } of readJsonLines(text, file)) {
    const q = validate(querySchema, value, { file, line });
    into.set(q.query, q.task_name);
  }
  return into;
}

/** The samples with `task` filled from the index where they have none; returns how many matched. */
export function joinTasks(samples: RoutingSample[], tasks: ReadonlyMap<string, string>): number {
  let matched = 0;
  for (const s of samples) {
    const task = tasks.get(s.query);
    if (task !== undefined && s.task === undefined) (s.task = task), matched++;
  }
  return matched;
}
