// Shared parts of the encoder benchmark: the inputs (16/64/256 tokens, a batch, the real queries), the row shape
// and the latency measurement used in Node (the browser runs the same loop inside the page).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createNodeEmbedder } from '../src/platform/node/encoder.ts';
import type { Embedder } from '../src/core/embed/embedder.ts';

export const REPS = 40;
export const LENGTHS = [16, 64, 256];
const root = resolve(import.meta.dirname, '..');

export interface Row {
  where: string;
  backend: string;
  threads: number;
  cold_start_ms: number;
  p50_ms: Record<string, number>;
  p95_ms: Record<string, number>;
  batch_texts_per_s: number;
  webgpu_vs_wasm_min_cosine?: number;
  /** p50 for the 64-token text asked again (answered from the encoder's cache of repeated queries). */
  repeated_p50_ms?: number;
}

/** The i-th variant of a text: its first word replaced, so the encoder's cache of repeated queries never answers it. */
export const variant = (text: string, i: number) =>
  text.replace(/^\S+/, String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + (Math.floor(i / 26) % 26)));

const words = 'the router reads each query and picks a model that will answer it well for the least money while keeping quality high'.split(
  ' ',
);

/** A text the encoder's tokenizer turns into exactly n tokens (before its 128-token limit). */
function textOfTokens(countTokens: (t: string) => number, n: number): string {
  let text = words[0];
  for (let i = 1; ; i++) {
    const next = `${text} ${words[i % words.length]}`;
    if (countTokens(next) > n) return text;
    text = next;
  }
}

/** The 16-, 64- and 256-token inputs, built with the encoder's own tokenizer. */
export async function benchInputs(): Promise<Record<number, string>> {
  const probe = await createNodeEmbedder({ threads: 1 });
  return Object.fromEntries(LENGTHS.map((n) => [n, textOfTokens((t) => probe.countTokens(t), n)]));
}

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
export const round = (x: number) => Math.round(x * 100) / 100;

/** Warm latency of one query of this length, a new text each time (the cache of repeated queries never answers). */
export async function latency(embedder: Pick<Embedder, 'embed'>, text: string, now: () => number) {
  for (let i = 0; i < 3; i++) await embedder.embed([variant(text, REPS + i)]);
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = now();
    await embedder.embed([variant(text, i)]);
    times.push(now() - t0);
  }
  return { p50: round(percentile(times, 0.5)), p95: round(percentile(times, 0.95)) };
}

export const batchTexts = Array.from({ length: 256 }, (_, i) => `Question ${i}: ${words.slice(i % 7, (i % 7) + 8 + (i % 11)).join(' ')}?`);

export function realQueries(): string[] | undefined {
  const shared = [process.env.LLMROUTER_SHARED, join(root, '../shared'), '/work/shared'].find((d) => d && existsSync(join(d, 'data')));
  const file = shared && join(shared, 'data/llmrouter/default_query_train.jsonl');
  if (!file || !existsSync(file)) return undefined;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).query as string);
}
