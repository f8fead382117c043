// Embedder over any transformers.js-format encoder folder (config.json, tokenizer.json, onnx/model*.onnx):
// tokenises, batches texts of similar length, runs the session, then pools and normalises as the model needs
// (USE-lite returns pooled `sentence_embedding`; BERT-style models like all-MiniLM-L6-v2 get mean pooling).
// A classifier folder (a `logits` output, labels in config.json's id2label, like the bert router's) gives its
// raw logits per text instead, unnormalised.
import type { Backend, Embedder } from './embedder.ts';
import type { ModelSource } from './model-source.ts';
import type { EncoderSession, IdMatrix, OpenSession } from './session.ts';
import { loadTokenizer, type TextTokenizer } from './tokenizer.ts';
import { l2Normalize, meanPool } from './pooling.ts';

export interface OnnxEmbedderOptions {
  /** Use onnx/model_quantized.onnx (default) or the fp32 onnx/model.onnx. */
  quantized?: boolean;
  /** Texts per session run. */
  batchSize?: number;
}

export const BUILTIN_MODEL = 'use-lite';

const OUTPUTS = ['logits', 'sentence_embedding', 'last_hidden_state'] as const;
type Output = (typeof OUTPUTS)[number];

export class OnnxEmbedder implements Embedder {
  readonly dim: number;
  readonly backend: Backend;

  private constructor(
    readonly modelId: string,
    /** Model folder, file and size: changes when the model does (cache keys). */
    readonly fingerprint: string,
    private readonly session: EncoderSession,
    private readonly tokenizer: TextTokenizer,
    private readonly output: Output,
    dim: number,
    private readonly batchSize: number,
    /** For a classifier: the name of each logit (config.json's id2label, in index order); else empty. */
    readonly labels: readonly string[],
  ) {
    this.dim = dim;
    this.backend = session.backend;
  }

  static async load(source: ModelSource, openSession: OpenSession, options: OnnxEmbedderOptions = {}): Promise<OnnxEmbedder> {
    const file = options.quantized === false ? 'onnx/model.onnx' : 'onnx/model_quantized.onnx';
    const modelBytes = source.bytes(file); // the big download starts first, beside the small JSON files
    modelBytes.catch(() => {}); // awaited below; an early failure must not go unhandled meanwhile
    const config = (await source.json('config.json')) as Record<string, unknown>;
    const [tokenizer, model] = await Promise.all([loadTokenizer(source, config), modelBytes]);
    const session = await openSession(model);
    const output = OUTPUTS.find((name) => session.outputNames.includes(name));
    if (!output) throw new Error(`${source.id}${file}: no ${OUTPUTS.join(' or ')} output (has ${session.outputNames.join(', ')})`);
    const dim = output === 'logits' ? Object.keys((config.id2label as object | undefined) ?? {}).length : config.hidden_size;
    if (typeof dim !== 'number' || dim === 0) throw new Error(`${source.id}config.json: ${output === 'logits' ? 'id2label' : 'hidden_size'} missing`);
    const id2label = (config.id2label ?? {}) as Record<string, string>;
    const labels = output === 'logits' ? Array.from({ length: dim }, (_, i) => id2label[String(i)] ?? String(i)) : [];
    return new OnnxEmbedder(source.id, `${source.id}${file}:${model.byteLength}`, session, tokenizer, output, dim, options.batchSize ?? 32, labels);
  }

  /** Token ids the model sees for a text (after truncation to maxTokens). */
  tokenize(text: string): number[] {
    return this.tokenizer.encode(text);
  }

  /** Tokens in the text before truncation. */
  countTokens(text: string): number {
    return this.tokenizer.countTokens(text);
  }

  get maxTokens(): number {
    return this.tokenizer.maxTokens;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const tokens = texts.map((t) => this.tokenizer.encode(t));
    const order = tokens.map((_, i) => i).sort((a, b) => tokens[a].length - tokens[b].length);
    const out = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const rows = order.slice(start, start + this.batchSize);
      const vectors = await this.runBatch(rows.map((i) => tokens[i]));
      rows.forEach((row, k) => (out[row] = vectors[k]));
    }
    return out;
  }

  private async runBatch(batch: number[][]): Promise<Float32Array[]> {
    const seq = Math.max(1, ...batch.map((ids) => ids.length));
    const ids = new BigInt64Array(batch.length * seq);
    const mask = new BigInt64Array(batch.length * seq);
    batch.forEach((row, b) =>
      row.forEach((id, t) => {
        ids[b * seq + t] = BigInt(id);
        mask[b * seq + t] = 1n;
      }),
    );
    const dims: [number, number] = [batch.length, seq];
    const feeds: Record<string, IdMatrix> = { input_ids: { data: ids, dims }, attention_mask: { data: mask, dims } };
    if (this.session.inputNames.includes('token_type_ids')) feeds.token_type_ids = { data: new BigInt64Array(ids.length), dims };
    const result = await this.session.run(feeds, this.output);
    if (this.output === 'last_hidden_state') {
      return meanPool(result.data, mask, batch.length, seq, this.dim).map(l2Normalize);
    }
    const rows = batch.map((_, b) => result.data.slice(b * this.dim, (b + 1) * this.dim));
    return this.output === 'logits' ? rows : rows.map(l2Normalize);
  }
}
