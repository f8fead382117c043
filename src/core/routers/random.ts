// `random`: a uniformly random model per query (seeded by the query text, so the same query gets the same draw).
import { z } from 'zod';
import type { RouteQuery } from './router.ts';
import { BaseRouter, type Scored } from './shared/base-router.ts';
import { defineRouter } from './shared/define-router.ts';
import { mulberry32 } from '../data/random.ts';

const options = z.object({ seed: z.number().int().default(1) }).strict();
type Options = z.infer<typeof options>;
const state = z.object({}).strict();

class RandomRouter extends BaseRouter<Options, Record<string, never>> {
  readonly needsEmbedding = false;
  protected train() {
    return {};
  }
  protected score(query: RouteQuery): Scored {
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

export const randomRouter = defineRouter({
  name: 'random',
  description: 'a random model per query (baseline)',
  input: 'text',
  options,
  state,
  build: (name, o) => new RandomRouter(name, o),
});
