// The model catalog's entry: who serves a model, what it costs, what it is good at (DESIGN.md, "Model catalog").
import { z } from 'zod';

/** What a model is known to be good at, for routers that map query needs onto any enabled model. */
export const strengthSchema = z.enum(['code', 'math', 'reasoning', 'knowledge', 'multilingual', 'long-context', 'chat', 'vision']);

/** The skills a cold-start router rates a model on (IRT abilities), each from one canonical public benchmark. */
export const skillSchema = z.enum(['knowledge', 'reasoning', 'math', 'code', 'long-context']);

/** One published benchmark figure for a skill: the score in [0,1], which benchmark, where and when it was read. */
export const benchmarkFigureSchema = z
  .object({
    score: z.number().min(0).max(1),
    benchmark: z.string().min(1),
    source: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
    /** Set when the figure is not the published number itself (derived from another benchmark, or a base model's). */
    estimate: z.boolean().optional(),
    note: z.string().optional(),
  })
  .strict();

export const catalogModelSchema = z.object({
  id: z.string().min(1),
  provider: z.string().min(1),
  api_model: z.string().min(1),
  /** USD per million input tokens. */
  input_price: z.number().min(0),
  /** USD per million output tokens. */
  output_price: z.number().min(0),
  context_window: z.number().int().positive(),
  description: z.string(),
  /** When the prices were read from the provider's public price page (YYYY-MM-DD). */
  price_date: z.string().optional(),
  /** A public capability figure mapped to [0,1], with where it came from and when. */
  capability: z.object({ score: z.number().min(0).max(1), source: z.string(), date: z.string() }).optional(),
  strengths: z.array(strengthSchema).default([]),
  /** What the model reads, from the provider's published model facts: text (absent: text only), and images where it takes them. */
  input_modalities: z.array(z.enum(['text', 'image'])).optional(),
  /** Published benchmark figures per skill (the `irt` router's catalog priors). */
  benchmarks: z.partialRecord(skillSchema, benchmarkFigureSchema).optional(),
});

export const catalogSchema = z.object({ models: z.array(catalogModelSchema) });

export type Strength = z.infer<typeof strengthSchema>;
export type Skill = z.infer<typeof skillSchema>;
export type BenchmarkFigure = z.infer<typeof benchmarkFigureSchema>;
export type CatalogModel = z.infer<typeof catalogModelSchema>;
export type Catalog = z.infer<typeof catalogSchema>;

/** Whether the model reads images (a conversation with images is routed only among these). */
export function readsImages(model: Pick<CatalogModel, 'input_modalities'>): boolean {
  return model.input_modalities?.includes('image') === true;
}

/** USD cost of one call with the given token counts. */
export function callCost(model: Pick<CatalogModel, 'input_price' | 'output_price'>, inputTokens: number, outputTokens: number): number {
  return (model.input_price * inputTokens + model.output_price * outputTokens) / 1e6;
}
