// `llmrouter embed "text" ... [--encoder NAME|DIR|URL|HUB_ID] [--dtype ..] [--pooling ..] [--threads N] [--json]`:
// sentence embeddings from the on-device encoder (built-in USE-lite unless --encoder names another
// transformers.js-format encoder).
import type { Command } from '../command.ts';
import { numberFlag } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { ENCODER_USAGE, encoderFlags, encoderOptions } from '../routing-data.ts';
import { createNodeEmbedder } from '../../platform/node/encoder.ts';

export const embed: Command = {
  usage: `llmrouter embed "text" ["more text" ...] ${ENCODER_USAGE} [--threads N] [--json]`,
  options: { ...encoderFlags, threads: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }) {
    if (positionals.length === 0) throw new UsageError('embed: give at least one text');
    const threads = numberFlag(values, 'threads', 0) || undefined;
    const embedder = await createNodeEmbedder({ ...encoderOptions(values), threads });
    const vectors = await embedder.embed(positionals);
    if (values.json) {
      console.log(
        JSON.stringify({
          encoder: embedder.record,
          backend: embedder.backend,
          dim: embedder.dim,
          embeddings: vectors.map((v) => Array.from(v)),
        }),
      );
      return;
    }
    positionals.forEach((text, i) => {
      const head = Array.from(vectors[i].slice(0, 6), (x) => x.toFixed(4)).join(', ');
      console.log(`${JSON.stringify(text)}: [${head}, ...] (${embedder.dim} dims, ${embedder.backend})`);
    });
  },
};
