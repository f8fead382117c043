// Costs of imported calls from catalog prices: maps a data file's model names to catalog ids, and estimates
// token counts where the source gives none.
//
// Token estimate (used only when the source has no token counts; such outcomes carry `cost_estimated: true`):
// - input tokens  = ceil(characters of the query / 4)  (the usual ~4 characters per token of English BPE text);
// - output tokens = ceil(characters of the response / 4) when the response is in the file,
//                   otherwise an assumed 256 tokens per answer.
import type { Catalog } from '../catalog/model.ts';
import { callCost } from '../catalog/model.ts';
import { findModel } from '../catalog/catalog.ts';
import type { Outcome } from './sample.ts';
import { DataError, type Where } from './data-error.ts';
import { nameMap, own } from './named-record.ts';

export const CHARS_PER_TOKEN = 4;
export const ASSUMED_OUTPUT_TOKENS = 256;

export interface Prices {
  input_price: number;
  output_price: number;
}

export interface ImportOptions {
  catalog: Catalog;
  /** Prices (USD per million tokens) for models the catalog lacks or whose price the user overrides, by data-file name. */
  prices?: Record<string, Prices>;
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** The id a data file's model name gets in the native dataset: the catalog id when the catalog knows it. */
export function modelId(name: string, options: ImportOptions): string {
  return findModel(options.catalog, name)?.id ?? name;
}

function pricesOf(name: string, options: ImportOptions, where: Where): Prices {
  const model = findModel(options.catalog, name);
  const prices = options.prices ?? nameMap<Prices>();
  const given = own(prices, name) ?? (model ? own(prices, model.id) : undefined);
  if (given) return given;
  if (model) return model;
  throw new DataError(
    where,
    `model "${name}" is not in the catalog and the file gives no cost: add it ` +
      `to the catalog or pass --price ${name}=INPUT,OUTPUT (USD per million tokens)`,
  );
}

export interface CallText {
  query: string;
  response?: string | undefined;
  input_tokens?: number | undefined;
  output_tokens?: number | undefined;
}

/** Cost and token fields of an outcome whose source has no cost; tokens the source lacks are estimated and flagged. */
export function pricedCall(
  name: string,
  call: CallText,
  options: ImportOptions,
  where: Where,
): Pick<Outcome, 'cost' | 'input_tokens' | 'output_tokens' | 'cost_estimated'> {
  const prices = pricesOf(name, options, where);
  const input = call.input_tokens ?? estimateTokens(call.query);
  const output = call.output_tokens ?? (call.response !== undefined ? estimateTokens(call.response) : ASSUMED_OUTPUT_TOKENS);
  const estimated = call.input_tokens === undefined || call.output_tokens === undefined;
  return {
    cost: callCost(prices, input, output),
    input_tokens: input,
    output_tokens: output,
    ...(estimated ? { cost_estimated: true } : {}),
  };
}
