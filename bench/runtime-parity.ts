// `npx tsx bench/runtime-parity.ts`: do the shipped models give what they gave before transformers.js? The same
// 300 LLMRouter queries (one per call, cut at each model's limit) through transformers.js (onnxruntime-node, what the
// project runs now) and through onnxruntime-web's WASM build fed the same token ids (what it ran before): USE-lite's
// vectors (cosine) and the bert router's per-label probabilities (largest difference, same top model).
// Writes bench/runtime-parity.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import * as ort from 'onnxruntime-web';
import { createNodeEmbedder, openNodeClassifier, shippedModel } from '../src/platform/node/encoder.ts';
import { cosine } from '../src/core/routers/shared/vectors.ts';
import type { OnnxEmbedder } from '../src/core/embed/onnx-embedder.ts';
import { realQueries } from './encoder-common.ts';

const N = 300;
const queries = (realQueries() ?? []).filter((_, i) => i % 17 === 0).slice(0, N);
if (queries.length < N) throw new Error('LLMRouter queries not found (../shared/data)');
ort.env.wasm.numThreads = 1;

/** The model's output for one text through onnxruntime-web WASM, fed the token ids the embedder uses. */
async function viaOrtWeb(model: string, embedder: OnnxEmbedder, output: string): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(readFileSync(join(shippedModel(model), 'onnx/model_quantized.onnx')), {
    executionProviders: ['wasm'],
  });
  const out: Float32Array[] = [];
  for (const q of queries) {
    const ids = embedder.tokenize(q);
    const dims = [1, ids.length];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), dims),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims),
    };
    if (session.inputNames.includes('token_type_ids')) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(ids.length), dims);
    out.push((await session.run(feeds))[output]!.data as Float32Array);
  }
  return out;
}

async function viaTransformers(embedder: OnnxEmbedder): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const q of queries) out.push((await embedder.embed([q]))[0]!);
  return out;
}

const useLite = await createNodeEmbedder({ longText: 'truncate', threads: 1, cacheTexts: 0 });
const [useNew, useOld] = [await viaTransformers(useLite), await viaOrtWeb('use-lite', useLite, 'sentence_embedding')];
const cosines = useNew.map((v, i) => cosine(v, useOld[i]!));

const bert = await openNodeClassifier('bert-router');
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const [bertNew, bertOld] = [await viaTransformers(bert), await viaOrtWeb('bert-router', bert, 'logits')];
const models = 9; // the first nine logits are the models' success chances (config.json llmrouter.models)
const top = (v: Float32Array) => Array.from(v.slice(0, models)).indexOf(Math.max(...v.slice(0, models)));
const diffs = bertNew.map((v, i) => Math.max(...Array.from(v, (x, k) => Math.abs(sigmoid(x) - sigmoid(bertOld[i]![k]!)))));

const result = {
  machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared)`,
  date: new Date().toISOString(),
  queries: queries.length,
  source: 'LLMRouter default_query_train.jsonl, every 17th query, one per call',
  now: 'transformers.js 4.3 on onnxruntime-node 1.30 (CPU)',
  before: 'onnxruntime-web 1.31 WASM, same token ids',
  use_lite: { min_cosine: Math.min(...cosines), mean_cosine: cosines.reduce((a, b) => a + b) / cosines.length },
  bert_router: {
    max_probability_difference: Math.max(...diffs),
    same_top_model: bertNew.filter((v, i) => top(v) === top(bertOld[i]!)).length / queries.length,
  },
};
writeFileSync('bench/runtime-parity.json', JSON.stringify(result, null, 1) + '\n');
console.log(JSON.stringify(result, null, 1));
process.exit(0);
