// LLMRouter's routing JSONL (long format: one row per query and model) to native samples, one per query.
// Rows are grouped by (task_name, query) in first-seen order. Cost: the row's `cost` when given, else catalog
// prices times the row's token counts (estimated from the text when absent, see pricing.ts).
import { z } from 'zod';
import type { Outcome, RoutingSample } from '../sample.ts';
import { DataError, fileStem, validate } from '../data-error.ts';
import { readJsonLines } from '../json-records.ts';
import { modelId, pricedCall, type ImportOptions } from '../pricing.ts';
import { answerText } from '../query-info.ts';
import { nameMap, own } from '../named-record.ts';

const tokens = z.number().int().min(0).optional();

const rowSchema = z.object({
  task_name: z.string().optional(),
  query: z.string(),
  model_name: z.string().min(1),
  performance: z.union([z.number().min(0).max(1), z.boolean().transform(Number)]),
  input_tokens: tokens,
  output_tokens: tokens,
  cost: z.number().min(0).optional(),
  latency_ms: z.number().min(0).optional(),
  response: z.string().optional(),
  ground_truth: answerText,
  metric: z.string().optional(),
});

export function importLlmrouter(text: string, file: string, options: ImportOptions): RoutingSample[] {
  const stem = fileStem(file);
  const byQuery = new Map<string, RoutingSample>();
  for (const { line, value } of readJsonLines(text, file)) {
    const row = validate(rowSchema, value, { file, line });
    const key = `${row.task_name ?? ''}\u0000${row.query}`;
    let sample = byQuery.get(key);
    if (!sample) {
      const { task_name: task, ground_truth, metric } = row;
      sample = { id: `${stem}-${byQuery.size}`, query: row.query, task, ground_truth, metric, outcomes: nameMap<Outcome>() };
      byQuery.set(key, sample);
    }
    const id = modelId(row.model_name, options);
    if (own(sample.outcomes, id))
      throw new DataError({ file, line, field: 'model_name' }, `model "${row.model_name}" appears twice for this query`);
    const cost =
      row.cost !== undefined
        ? { cost: row.cost, input_tokens: row.input_tokens, output_tokens: row.output_tokens }
        : pricedCall(row.model_name, row, options, { file, line, field: 'model_name' });
    sample.outcomes[id] = { score: row.performance, ...cost, latency_ms: row.latency_ms, response: row.response };
  }
  return [...byQuery.values()];
}
