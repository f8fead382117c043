// The native routing dataset: one query with per-model outcomes (DESIGN.md, "Native routing dataset").
import { z } from 'zod';
import { namedRecord } from './named-record.ts';

export const outcomeSchema = z.object({
  score: z.number().min(0).max(1),
  cost: z.number().min(0),
  input_tokens: z.number().int().min(0).optional(),
  output_tokens: z.number().int().min(0).optional(),
  latency_ms: z.number().min(0).optional(),
  /** True when cost or tokens were estimated from the text rather than reported by the source. */
  cost_estimated: z.boolean().optional(),
  response: z.string().optional(),
});

export const sampleSchema = z.object({
  id: z.string().min(1),
  query: z.string(),
  task: z.string().optional(),
  ground_truth: z.string().optional(),
  metric: z.string().optional(),
  /** A model missing here was not run on this query; it did not score 0. */
  outcomes: namedRecord(outcomeSchema),
});

export type Outcome = z.infer<typeof outcomeSchema>;
export type RoutingSample = z.infer<typeof sampleSchema>;

/** Every model that has at least one outcome, in first-seen order. */
export function modelsOf(samples: readonly RoutingSample[]): string[] {
  const seen = new Set<string>();
  for (const s of samples) for (const m of Object.keys(s.outcomes)) seen.add(m);
  return [...seen];
}
