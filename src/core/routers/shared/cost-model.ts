// The one per-model cost estimator every router uses: USD for a call = input tokens estimated from the
// query x the input price + the model's expected output cost. Prices come from the catalog when it
// knows the model (output tokens: the mean seen in training, else a default); otherwise both terms are
// fitted by least squares to the costs recorded in the training data.
import { z } from 'zod';
import type { CatalogModel } from '../../catalog/model.ts';
import type { TrainingData } from '../router.ts';
import { ASSUMED_OUTPUT_TOKENS, estimateTokens } from '../../data/pricing.ts';
import { own } from '../../data/named-record.ts';

/** Output tokens assumed for a catalog model the training data never ran. */
export const DEFAULT_OUTPUT_TOKENS = ASSUMED_OUTPUT_TOKENS;

export const costStateSchema = z.object({
  /** USD per input token, per model. */
  perInputToken: z.array(z.number().min(0)),
  /** USD expected for the output, per model. */
  fixed: z.array(z.number().min(0)),
  /** Where each model's figures came from. */
  source: z.array(z.enum(['catalog', 'data'])),
});
export type CostState = z.infer<typeof costStateSchema>;

export class CostModel {
  constructor(readonly state: CostState) {}

  /** Estimated USD cost of calling model `index` (in the router's model order) on `text`. */
  estimate(index: number, text: string): number {
    return this.state.perInputToken[index]! * estimateTokens(text) + this.state.fixed[index]!;
  }

  static fit(data: TrainingData, models: readonly string[] = data.models): CostModel {
    const prices = new Map((data.catalog ?? []).map((m) => [m.id, m] as const));
    const tokens = data.samples.map((s) => estimateTokens(s.query));
    const state: CostState = { perInputToken: [], fixed: [], source: [] };
    for (const model of models) {
      const known = prices.get(model);
      const fitted = known ? fromCatalog(known, data, model) : fromData(data, model, tokens);
      state.perInputToken.push(fitted.perInputToken);
      state.fixed.push(fitted.fixed);
      state.source.push(known ? 'catalog' : 'data');
    }
    return new CostModel(state);
  }

  /** Costs for catalog models alone (no training data), e.g. the user's own models. */
  static fromCatalog(models: readonly CatalogModel[]): CostModel {
    return new CostModel({
      perInputToken: models.map((m) => m.input_price / 1e6),
      fixed: models.map((m) => (m.output_price * DEFAULT_OUTPUT_TOKENS) / 1e6),
      source: models.map(() => 'catalog' as const),
    });
  }
}

function fromCatalog(entry: CatalogModel, data: TrainingData, model: string) {
  let sum = 0,
    n = 0;
  for (const s of data.samples) {
    const t = own(s.outcomes, model)?.output_tokens;
    if (t !== undefined) (sum += t), n++;
  }
  const outputTokens = n > 0 ? sum / n : DEFAULT_OUTPUT_TOKENS;
  return { perInputToken: entry.input_price / 1e6, fixed: (entry.output_price * outputTokens) / 1e6 };
}

/** Least squares cost = a * tokens + b over the samples that ran the model, with a, b >= 0. */
function fromData(data: TrainingData, model: string, tokens: number[]) {
  let n = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  data.samples.forEach((s, i) => {
    const o = own(s.outcomes, model);
    if (!o) return;
    const x = tokens[i]!;
    n++, (sx += x), (sy += o.cost), (sxx += x * x), (sxy += x * o.cost);
  });
  if (n === 0) return { perInputToken: 0, fixed: 0 };
  const varX = sxx - (sx * sx) / n;
  let a = varX > 1e-9 ? (sxy - (sx * sy) / n) / varX : 0;
  if (a < 0) a = 0;
  const b = (sy - a * sx) / n;
  return b >= 0 ? { perInputToken: a, fixed: b } : { perInputToken: sy / sx, fixed: 0 };
}
