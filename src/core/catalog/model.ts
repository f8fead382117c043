// The model catalog's entry: who serves a model, what it costs, what it is good at (DESIGN.md, "Model catalog").
import { z } from 'zod';

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
});

export const catalogSchema = z.object({ models: z.array(catalogModelSchema) });

export type CatalogModel = z.infer<typeof catalogModelSchema>;
export type Catalog = z.infer<typeof catalogSchema>;

/** USD cost of one call with the given token counts. */
export function callCost(model: Pick<CatalogModel, 'input_price' | 'output_price'>, inputTokens: number, outputTokens: number): number {
  return (model.input_price * inputTokens + model.output_price * outputTokens) / 1e6;
}
