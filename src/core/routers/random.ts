// `random`: a uniformly random model per query (seeded by the query text, so the same query gets the same draw).
import { z } from 'zod';
import { defineRouter } from './runtime.ts';
import { mulberry32 } from '../data/random.ts';

export const RandomRouter = defineRouter({
  name: 'random',
  description: 'a random model per query (baseline)',
  input: 'text',
  options: z.object({ seed: z.number().int().default(1) }).strict(),
  state: z.object({}).strict(),
  fit: () => ({}),
  score(query, _state, { options, models }) {
    const random = mulberry32(hashText(query.text) ^ options.seed);
    return {
      quality: models.map(() => random()),
      explanation: { summary: 'A random draw per model (seeded by the query): the baseline every router must beat.' },
    };
  },
});

/** FNV-1a hash of a string. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
