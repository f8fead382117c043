// What a benchmark query file says about each query (task, ground truth, metric), joined onto samples by query
// text. LLMRouter's default_query_*.jsonl give the tasks that its dcrouter files lack.
import { z } from 'zod';
import type { RoutingSample } from './sample.ts';
import { validate } from './data-error.ts';
import { readJsonLines } from './json-records.ts';

/** An answer as text: LLMRouter's files hold numbers and lists too; null means none. */
export const answerText = z
  .unknown()
  .transform((v) => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v)));

const querySchema = z.object({
  task_name: z.string().min(1),
  query: z.string(),
  ground_truth: answerText,
  metric: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
});

export type QueryInfo = Pick<RoutingSample, 'task' | 'ground_truth' | 'metric'>;

/** Reads a JSONL of `{task_name, query, ground_truth?, metric?}` into a map by query text. */
export function readQueryInfo(text: string, file: string): Map<string, QueryInfo> {
  const info = new Map<string, QueryInfo>();
  for (const { line, value } of readJsonLines(text, file)) {
    const row = validate(querySchema, value, { file, line });
    info.set(row.query, { task: row.task_name, ground_truth: row.ground_truth, metric: row.metric });
  }
  return info;
}

/** Samples with task, ground truth and metric filled from `info` where they have none; the rest unchanged. */
export function withQueryInfo(samples: readonly RoutingSample[], info: ReadonlyMap<string, QueryInfo>): RoutingSample[] {
  return samples.map((s) => {
    const known = info.get(s.query);
    return known
      ? { ...s, task: s.task ?? known.task, ground_truth: s.ground_truth ?? known.ground_truth, metric: s.metric ?? known.metric }
      : s;
  });
}
