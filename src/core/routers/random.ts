// `random`: a uniformly random model per query (seeded by the query text, so the same query gets the same draw).
import { z } from 'zod';
import type { RouteQuery, Scored } from './router.ts';
import { RouterRuntime } from './runtime.ts';
import { mulberry32 } from '../data/random.ts';

const options = z.object({ seed: z.number().int().default(1) }).strict();
type Options = z.infer<typeof options>;
const state = z.object({}).strict();

export class RandomRouter extends RouterRuntime<Options, Record<string, never>> {
  static override readonly routerName = 'random';
  static override readonly description = 'a random model per query (baseline)';
  static override readonly input = 'text';
  static override readonly optionsSchema = options;
  static override readonly stateSchema = state;

  protected train() {
    return {};
  }
  protected override score(query: RouteQuery): Scored {
    const random = mulberry32(hashText(query.text) ^ this.options.seed);
    return {
      quality: this.models.map(() => random()),
      explanation: { summary: 'A random draw per model (seeded by the query): the baseline every router must beat.' },
    };
  }
}

/** FNV-1a hash of a string. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
