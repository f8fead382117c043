// One Node row of the encoder benchmark, in its own process (spawned by bench/encoder.ts): cold start from a
// cold ORT runtime to the first embedding, warm latencies, batch throughput, and optionally the real queries.
// Prints one JSON line. Usage: node --import tsx bench/encoder-node.ts THREADS [corpus]
import { createNodeEmbedder } from '../src/platform/node/encoder.ts';
import { LENGTHS, batchTexts, benchInputs, latency, realQueries, round, type Row } from './encoder-common.ts';

const threads = Number(process.argv[2]);
const t0 = performance.now();
const embedder = await createNodeEmbedder({ threads });
await embedder.embed(['warm-up']);
const cold = performance.now() - t0;
const inputs = await benchInputs();
const row: Row = {
  where: 'Node 20',
  backend: embedder.backend,
  threads,
  cold_start_ms: Math.round(cold),
  p50_ms: {},
  p95_ms: {},
  batch_texts_per_s: 0,
};
for (const n of LENGTHS) {
  const { p50, p95 } = await latency(embedder, inputs[n], () => performance.now());
  row.p50_ms[n] = p50;
  row.p95_ms[n] = p95;
}
const t1 = performance.now();
await embedder.embed(batchTexts);
row.batch_texts_per_s = Math.round(batchTexts.length / ((performance.now() - t1) / 1000));

let corpus: Record<string, number> | undefined;
const queries = process.argv[3] === 'corpus' ? realQueries() : undefined;
if (queries) {
  const t2 = performance.now();
  await embedder.embed(queries);
  const seconds = (performance.now() - t2) / 1000;
  corpus = { queries: queries.length, seconds: round(seconds), texts_per_s: Math.round(queries.length / seconds) };
}
console.log(JSON.stringify({ row, corpus }));
