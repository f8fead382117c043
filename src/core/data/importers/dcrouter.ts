// LLMRouter's dcrouter JSON (`[{question, scores: {model: 0..1}}]`) to native samples; costs from catalog prices.
import { z } from 'zod';
import type { Outcome, RoutingSample } from '../sample.ts';
import { fileStem, validate } from '../data-error.ts';
import { readJsonArray } from '../json-records.ts';
import { modelId, pricedCall, type ImportOptions } from '../pricing.ts';
import { nameMap, namedRecord } from '../named-record.ts';

const itemSchema = z.object({
  question: z.string(),
  scores: namedRecord(z.number().min(0).max(1)),
});

export function importDcrouter(text: string, file: string, options: ImportOptions): RoutingSample[] {
  const stem = fileStem(file);
  return readJsonArray(text, file).map(({ line, value }, i) => {
    const item = validate(itemSchema, value, { file, line });
    const outcomes = nameMap<Outcome>();
    for (const [name, score] of Object.entries(item.scores)) {
      outcomes[modelId(name, options)] = {
        score,
        ...pricedCall(name, { query: item.question }, options, { file, line, field: `scores.${name}` }),
      };
    }
    return { id: `${stem}-${i}`, query: item.question, outcomes };
  });
}
