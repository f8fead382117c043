// Parity of our ONNX USE-lite (public/models/use-lite) with the TF.js reference (@tensorflow-models/
// universal-sentence-encoder on the npm package's own graph and vocabulary), on 200+ varied sentences:
// token ids identical on >= 95%, cosine >= 0.98 (int8) and >= 0.99 (fp32; model.onnx is 28 MB so it is not
// committed: `models/use-lite/build.sh` rebuilds it, and that case is skipped, saying so, when it is absent).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadReference, npmModelDir, type Reference } from '../../models/use-lite/tfjs-reference.ts';
import { builtinModelDir, createNodeEmbedder } from '../../src/platform/node/encoder.ts';
import { cosine } from '../../src/core/routers/shared/vectors.ts';
import { paritySentences } from './sentences.ts';

const fp32Present = existsSync(join(builtinModelDir, 'onnx/model.onnx'));
let reference: Reference;
const expected: Float32Array[] = [];

beforeAll(async () => {
  reference = await loadReference(npmModelDir(resolve(import.meta.dirname, '../..')));
  for (const text of paritySentences) expected.push(await reference.embed(text));
}, 600_000); // the TF.js reference is slow on a loaded machine

describe('USE-lite ONNX vs TF.js', () => {
  it('has at least 200 sentences of every kind', () => {
    expect(paritySentences.length).toBeGreaterThanOrEqual(200);
  });

  it('tokenizes identically (>= 95% of sentences), and every difference is reported', async () => {
    const embedder = await createNodeEmbedder();
    const differing = paritySentences.filter(
      (t) => JSON.stringify(embedder.tokenize(t)) !== JSON.stringify(reference.tokenize(t).slice(0, 128)),
    );
    for (const t of differing) console.log(`token ids differ: ${JSON.stringify(t)}`);
    expect(1 - differing.length / paritySentences.length).toBeGreaterThanOrEqual(0.95);
  });

  // The one difference we know of, kept out of the parity set on purpose. vocab.json gives 7 pieces no score
  // (SentencePiece user-defined symbols such as "▁:)"; TF.js adds them as 0). TF.js's Viterbi treats a best
  // score of exactly 0 as "nothing yet", so at the very start of a text it throws away the 0-score path and splits
  // ":)" into "▁" ":" ")". SentencePiece (which USE-lite was trained with) and our tokenizer keep the symbol whole.
  it('differs from TF.js only where TF.js drops a scoreless symbol at the start of a text', async () => {
    const embedder = await createNodeEmbedder();
    expect(reference.tokenize(':) thanks')).toEqual([30, 57, 52, 2478]);
    expect(embedder.tokenize(':) thanks')).toEqual([658, 2478]);
    expect(reference.tokenize('thanks :)')).toEqual(embedder.tokenize('thanks :)')); // inside a text both keep it
  });

  const check = (quantized: boolean, floor: number) => async () => {
    const embedder = await createNodeEmbedder({ dtype: quantized ? 'q8' : 'fp32', longText: 'truncate' }); // the port's check: one 128-token pass, as before
    const got = await embedder.embed(paritySentences);
    const cosines = got.map((v, i) => cosine(v, expected[i]));
    const worst = Math.min(...cosines);
    console.log(
      `${quantized ? 'int8' : 'fp32'}: worst cosine ${worst.toFixed(5)}, mean ${(cosines.reduce((a, b) => a + b) / cosines.length).toFixed(5)}`,
    );
    cosines.forEach((c, i) => expect(c, JSON.stringify(paritySentences[i])).toBeGreaterThanOrEqual(floor));
  };

  it('int8 model_quantized.onnx: cosine >= 0.98 on every sentence', check(true, 0.98), 120_000);
  it.skipIf(!fp32Present)(
    'fp32 model.onnx (not committed: models/use-lite/build.sh builds it; skipped when absent): cosine >= 0.99 on every sentence',
    check(false, 0.99),
    120_000,
  );
});
