// Embedder over any transformers.js-format model folder, run by transformers.js: its tokenizer (AutoTokenizer),
// its model loading (AutoModel: dtype fp32/fp16/q8/q4 file choice, WebGPU/WASM/CPU session, hub download and
// cache) and its pooling ops. Ours on top: the pooling a model needs (its sentence-transformers config, else
// config.json's llmrouter.pooling, else by output), windows over long texts, batching by length, a cache of
// repeated texts, and the record of which encoder this is (router files check it).
// USE-lite returns a pooled `sentence_embedding`; BERT-style models return `last_hidden_state`, pooled here; a
// classifier (a `logits` output, labels in config.json's id2label, like the bert router's) gives raw logits.
import { AutoModel, AutoTokenizer, mean_pooling, Tensor, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';
import type { Backend, Embedder } from './embedder.ts';
import type { EncoderRecord } from './encoder-record.ts';
import { DTYPE_FILES, type OnnxEmbedderOptions } from './encoder-options.ts';
import { siblingLocation, type ModelLocation } from './model-env.ts';
import { withModelEnv } from './with-model-env.ts';
import type { ModelSource } from './model-source.ts';
import { l2Normalize, poolingFromSentenceTransformers, weightedMean, type Pooling } from './pooling.ts';
import { specialTokensOf, tokenWindows, truncatedWindow, type SpecialTokens, type TokenWindow } from './windows.ts';

/** The runtime the platform adapter chose: transformers.js device, and the backend reported to the user. */
export interface EncoderDevice {
  device: 'webgpu' | 'wasm' | 'cpu';
  backend: Backend;
  /** ORT session options (Node: intra-op threads). */
  sessionOptions?: Record<string, unknown>;
}

const OUTPUTS = ['logits', 'sentence_embedding', 'last_hidden_state'] as const;
type Output = (typeof OUTPUTS)[number];
type Json = Record<string, unknown>;

export class OnnxEmbedder implements Embedder {
  readonly backend: Backend;
  private readonly cache = new Map<string, Float32Array>();

  private constructor(
    /** Which encoder this is: recorded in router files, checked before routing. */
    readonly record: EncoderRecord,
    private readonly model: PreTrainedModel,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly output: Output,
    readonly dim: number,
    readonly maxTokens: number,
    private readonly specials: SpecialTokens,
    private readonly options: Required<Omit<OnnxEmbedderOptions, 'pooling' | 'revision' | 'dtype'>>,
    /** For a classifier: the name of each logit (config.json's id2label, in index order); else empty. */
    readonly labels: readonly string[],
    backend: Backend,
  ) {
    this.backend = backend;
  }

  /** Opens the model at `where` (files read through `source`, the same folder) on the given device. */
  static async load(
    where: ModelLocation,
    source: ModelSource,
    device: EncoderDevice,
    options: OnnxEmbedderOptions = {},
  ): Promise<OnnxEmbedder> {
    const dtype = options.dtype ?? 'q8';
    const file = DTYPE_FILES[dtype];
    if (!file) throw new Error(`unknown dtype "${dtype}" (one of ${Object.keys(DTYPE_FILES).join(', ')})`);
    const hash = source.bytes(file).then(sha256Hex); // the content hash, read beside the load
    hash.catch(() => {}); // awaited below
    const config = (await source.json('config.json')) as Json;
    const llmrouter = (config.llmrouter ?? {}) as Json;
    const tokenizerAt = typeof llmrouter.tokenizer_folder === 'string' ? siblingLocation(where, llmrouter.tokenizer_folder) : where;
    const revision = where.kind === 'hub' ? (options.revision ?? 'main') : undefined;
    const tokenizer = await withModelEnv(tokenizerAt, () => AutoTokenizer.from_pretrained(tokenizerAt.id, { revision }));
    const model = await withModelEnv(where, () =>
      AutoModel.from_pretrained(where.id, { dtype, device: device.device, revision, session_options: device.sessionOptions } as never),
    );
    const output = outputOf(model, where, file);
    const pooling = options.pooling ?? (await modelPooling(source, llmrouter, output));
    if (output === 'last_hidden_state' && pooling === 'none')
      throw new Error(`${where.name}: pooling "none" needs a pooled output; this model gives token states (choose mean or cls)`);
    const labels = output === 'logits' ? labelsOf(config, where) : [];
    const dim = output === 'logits' ? labels.length : config.hidden_size;
    if (typeof dim !== 'number' || dim === 0) throw new Error(`${where.name}: config.json has no hidden_size`);
    const record: EncoderRecord = { id: where.name, ...(revision ? { revision } : {}), hash: await hash, dim, pooling, dtype };
    const probe = 'a b';
    const specials = specialTokensOf(tokenizer.encode(probe), tokenizer.encode(probe, { add_special_tokens: false }));
    const settings = {
      longText: options.longText ?? 'windows',
      maxWindows: options.maxWindows ?? 8,
      batchSize: options.batchSize ?? 32,
      cacheTexts: options.cacheTexts ?? 256,
    };
    return new OnnxEmbedder(
      record,
      model,
      tokenizer,
      output,
      dim,
      maxTokensOf(config, tokenizer),
      specials,
      settings,
      labels,
      device.backend,
    );
  }

  get pooling(): Pooling {
    return this.record.pooling;
  }

  /** Identifies the vectors this encoder gives (disk cache keys): weights, pooling and how long texts are read. */
  get fingerprint(): string {
    return `${this.record.hash}:${this.record.pooling}:${this.options.longText}:${this.options.maxWindows}`;
  }

  /** Token ids of the text's first window (what a truncating model sees). */
  tokenize(text: string): number[] {
    return truncatedWindow(this.tokenizer.encode(text, { add_special_tokens: false }), this.specials, this.maxTokens)[0]!.ids;
  }

  /** Tokens in the text, special tokens included, before any cut. */
  countTokens(text: string): number {
    return this.tokenizer.encode(text).length;
  }

  /** Vectors for the texts. A single text (a query) is answered from the cache of repeated texts when it can be;
   * only single texts are cached, so a cached vector is exactly what a fresh single-text run gives (int8
   * activations are scaled per batch, so a text's vector moves very slightly with its batch). */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length !== 1) return this.embedUncached(texts);
    const text = texts[0]!;
    const vector = this.cache.get(text) ?? (await this.embedUncached(texts))[0]!;
    this.remember(text, vector);
    return [vector.slice()];
  }

  private remember(text: string, vector: Float32Array): void {
    if (this.options.cacheTexts === 0) return;
    this.cache.delete(text);
    this.cache.set(text, vector);
    if (this.cache.size > this.options.cacheTexts) this.cache.delete(this.cache.keys().next().value!);
  }

  private async embedUncached(texts: readonly string[]): Promise<Float32Array[]> {
    const perText = texts.map((t) => this.windowsOf(t));
    const rows = perText.flatMap((windows, text) => windows.map((w) => ({ text, w })));
    const order = rows.map((_, i) => i).sort((a, b) => rows[a]!.w.ids.length - rows[b]!.w.ids.length);
    const rowVectors = new Array<Float32Array>(rows.length);
    for (let start = 0; start < order.length; start += this.options.batchSize) {
      const batch = order.slice(start, start + this.options.batchSize);
      const vectors = await this.runBatch(batch.map((i) => rows[i]!.w.ids));
      batch.forEach((row, k) => (rowVectors[row] = vectors[k]!));
    }
    let at = 0;
    return perText.map((windows) => {
      const parts = rowVectors.slice(at, (at += windows.length));
      const joined =
        parts.length === 1
          ? parts[0]!
          : weightedMean(
              parts,
              windows.map((w) => w.tokens),
            );
      return this.output === 'logits' ? joined : l2Normalize(joined);
    });
  }

  private windowsOf(text: string): TokenWindow[] {
    const body = this.tokenizer.encode(text, { add_special_tokens: false });
    if (this.options.longText === 'truncate') return truncatedWindow(body, this.specials, this.maxTokens);
    return tokenWindows(body, this.specials, this.maxTokens, this.options.maxWindows);
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
    const dims = [batch.length, seq];
    const attention = new Tensor('int64', mask, dims);
    const outputs = (await this.model({ input_ids: new Tensor('int64', ids, dims), attention_mask: attention })) as Record<string, Tensor>;
    const pooled = this.pool(asFloat32(outputs[this.output]!), attention);
    const data = pooled.data as Float32Array;
    return batch.map((_, b) => data.slice(b * this.dim, (b + 1) * this.dim));
  }

  private pool(states: Tensor, attention: Tensor): Tensor {
    if (this.output !== 'last_hidden_state') return states;
    return this.record.pooling === 'cls' ? states.slice(null, 0) : mean_pooling(states, attention);
  }
}

/** The output the model is read by: a classifier's logits, a pooled sentence embedding, or token states. */
function outputOf(model: PreTrainedModel, where: ModelLocation, file: string): Output {
  const names = (model.sessions as Record<string, { outputNames: string[] }>).model!.outputNames;
  const output = OUTPUTS.find((name) => names.includes(name));
  if (!output) throw new Error(`${where.name}: ${file} has no ${OUTPUTS.join(' or ')} output (has ${names.join(', ')})`);
  return output;
}

/** A classifier's logit names, in index order (config.json's id2label). */
function labelsOf(config: Json, where: ModelLocation): string[] {
  const id2label = (config.id2label ?? {}) as Record<string, string>;
  const n = Object.keys(id2label).length;
  if (n === 0) throw new Error(`${where.name}: config.json has no id2label for its logits`);
  return Array.from({ length: n }, (_, i) => id2label[String(i)] ?? String(i));
}

function asFloat32(t: Tensor): Tensor {
  return t.type === 'float32' ? t : t.to('float32');
}

/** The model's own pooling: its sentence-transformers config, else config.json's llmrouter.pooling, else by output. */
async function modelPooling(source: ModelSource, llmrouter: Json, output: Output): Promise<Pooling> {
  if (output !== 'last_hidden_state') return 'none';
  const declared = poolingFromSentenceTransformers(await source.json('1_Pooling/config.json').catch(() => undefined));
  const ours = llmrouter.pooling;
  return declared ?? (ours === 'cls' || ours === 'mean' ? ours : 'mean');
}

function maxTokensOf(config: Json, tokenizer: PreTrainedTokenizer): number {
  const limits = [(config.llmrouter as Json | undefined)?.max_tokens, tokenizer.model_max_length, config.max_position_embeddings];
  return limits.find((n): n is number => typeof n === 'number' && n > 0 && n <= 8192) ?? 512;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}
