// One (query, model) result of a pipeline run, as written the moment it lands (a JSONL line in the CLI, an
// IndexedDB record in the app), and what a run's store must do. The latest record of a pair is the one that counts:
// a rerun skips pairs whose latest record is `ok` and retries the failed ones.
import { z } from 'zod';

export const pipelineResultSchema = z.object({
  id: z.string().min(1),
  model: z.string().min(1),
  task: z.string(),
  status: z.enum(['ok', 'failed']),
  score: z.number().min(0).max(1).optional(),
  /** Why the scorer gave what it gave (a code answer's failure), when it says. */
  detail: z.string().optional(),
  input_tokens: z.number().int().min(0).optional(),
  output_tokens: z.number().int().min(0).optional(),
  usage_estimated: z.boolean().optional(),
  /** USD for this pair: the model's attempts plus any judge call. */
  cost: z.number().min(0),
  latency_ms: z.number().min(0).optional(),
  response: z.string().optional(),
  /** A failed pair: the provider error kind (or "scoring") and its message. */
  error: z.object({ kind: z.string(), message: z.string() }).optional(),
  at: z.number(),
});

export type PipelineResult = z.infer<typeof pipelineResultSchema>;

export interface ResultStore {
  /** Every record written so far, in the order written. */
  load(): Promise<PipelineResult[]>;
  append(result: PipelineResult): Promise<void>;
}

export const pairKey = (id: string, model: string) => `${id}\u0000${model}`;

/** The latest record of each (query, model) pair. */
export function latestResults(records: readonly PipelineResult[]): Map<string, PipelineResult> {
  const latest = new Map<string, PipelineResult>();
  for (const r of records) latest.set(pairKey(r.id, r.model), r);
  return latest;
}
