// The model folder's tokenizer.json through @huggingface/tokenizers (transformers.js's tokenizer library),
// truncated to the model's token limit. For USE-lite it reproduces the TF.js SentencePiece tokenizer.
import { Tokenizer } from '@huggingface/tokenizers';
import type { ModelSource } from './model-source.ts';

export interface TextTokenizer {
  readonly maxTokens: number;
  /** Token ids with the model's special tokens, at most maxTokens (a final special token such as [SEP] is kept). */
  encode(text: string): number[];
  /** How many tokens the text has before truncation. */
  countTokens(text: string): number;
}

type Json = Record<string, unknown>;

/** The model folder's tokenizer, or the one in the folder that config.json's `llmrouter.tokenizer_folder` names
 * (relative, e.g. "../use-lite/": a fine-tuned model shares its base encoder's tokenizer instead of a copy). */
export async function loadTokenizer(source: ModelSource, config: Json): Promise<TextTokenizer> {
  const folder = (config.llmrouter as Json | undefined)?.tokenizer_folder;
  const at = typeof folder === 'string' ? folder : '';
  const [tokenizerJson, tokenizerConfig] = (await Promise.all([source.json(`${at}tokenizer.json`), source.json(`${at}tokenizer_config.json`)])) as [Json, Json];
  const tokenizer = new Tokenizer(tokenizerJson as never, tokenizerConfig as never);
  const limits = [(config.llmrouter as Json | undefined)?.max_tokens, tokenizerConfig.model_max_length, config.max_position_embeddings];
  const maxTokens = limits.find((n): n is number => typeof n === 'number' && n > 0 && n <= 8192) ?? 512;
  const keepsLast = tokenizerJson.post_processor != null;
  return {
    maxTokens,
    encode(text) {
      const ids = tokenizer.encode(text).ids;
      if (ids.length <= maxTokens) return ids;
      return keepsLast ? [...ids.slice(0, maxTokens - 1), ids[ids.length - 1]] : ids.slice(0, maxTokens);
    },
    countTokens: (text) => tokenizer.encode(text).ids.length,
  };
}
