// `llmrouter embed "text" ... [--model DIR|URL|HUB_ID] [--fp32] [--threads N] [--json]`: sentence embeddings from
// the on-device encoder (built-in USE-lite unless --model names another transformers.js-format encoder).
import type { Command } from '../command.ts';
import { numberFlag } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { createNodeEmbedder, nodeModelSource } from '../../platform/node/encoder.ts';

export const embed: Command = {
  summary: 'embed texts with the on-device sentence encoder',
  usage: 'llmrouter embed "text" ["more text" ...] [--model DIR|URL|HUB_ID] [--fp32] [--threads N] [--json]',
  options: {
    model: { type: 'string' },
    fp32: { type: 'boolean' },
    threads: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }) {
    if (positionals.length === 0) throw new UsageError('embed: give at least one text');
    const model = typeof values.model === 'string' ? values.model : undefined;
    try {
      nodeModelSource(model);
    } catch (e) {
      throw new UsageError(`embed: ${(e as Error).message}`);
    }
    const threads = numberFlag(values, 'threads', 0) || undefined;
    const embedder = await createNodeEmbedder({ model, threads, quantized: !values.fp32 });
    const vectors = await embedder.embed(positionals);
    if (values.json) {
      console.log(JSON.stringify({ model: embedder.modelId, backend: embedder.backend, dim: embedder.dim, embeddings: vectors.map((v) => Array.from(v)) }));
      return;
    }
    positionals.forEach((text, i) => {
      const head = Array.from(vectors[i].slice(0, 6), (x) => x.toFixed(4)).join(', ');
      console.log(`${JSON.stringify(text)}: [${head}, ...] (${embedder.dim} dims, ${embedder.backend})`);
    });
  },
};
