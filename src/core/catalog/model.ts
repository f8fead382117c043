// The model catalog's entry: who serves a model, what it costs, what it is good at (DESIGN.md, "Model catalog").
import { z } from 'zod';

/** What a model is known to be good at, for routers that map query needs onto any enabled model. */
export const strengthSchema = z.enum(['code', 'math', 'reasoning', 'knowledge', 'multilingual', 'long-context', 'chat', 'vision']);

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
});

export const catalogSchema = z.object({ models: z.array(catalogModelSchema) });

export type Strength = z.infer<typeof strengthSchema>;
export type CatalogModel = z.infer<typeof catalogModelSchema>;
export type Catalog = z.infer<typeof catalogSchema>;

/** USD cost of one call with the given token counts. */
export function callCost(model: Pick<CatalogModel, 'input_price' | 'output_price'>, inputTokens: number, outputTokens: number): number {
  return (model.input_price * inputTokens + model.output_price * outputTokens) / 1e6;
}
