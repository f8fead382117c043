// Writes the TF.js reference (token ids + embeddings) for the parity sentences to a JSON file, so the Python
// port can be checked against it: npx tsx models/use-lite/dump-reference.ts models/work/reference.json
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadReference, npmModelDir } from './tfjs-reference.ts';
import { paritySentences } from '../../test/encoder/sentences.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: dump-reference.ts OUT.json');
const reference = await loadReference(npmModelDir(resolve(import.meta.dirname, '../..')));
const rows = [];
for (const text of paritySentences) {
  rows.push({ text, ids: reference.tokenize(text), embedding: Array.from(await reference.embed(text)) });
}
writeFileSync(out, JSON.stringify(rows));
console.log(`${rows.length} sentences -> ${out}`);
