// Proves the built app carries one ONNX Runtime: every bundle that holds onnxruntime-web's JS API holds one copy,
// all copies (one per worker that runs models) are the version package.json pins (the one transformers.js
// depends on), none is in the main thread's bundle, and the only ORT wasm builds emitted are that version's plain SIMD build and its WebGPU (asyncify)
// build, which src/platform/browser/ort-env.ts picks between. Runs after `vite build`; exits 1 naming what is wrong.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const pinned = JSON.parse(readFileSync('package.json', 'utf8')).dependencies['onnxruntime-web'];
const used = JSON.parse(readFileSync('node_modules/@huggingface/transformers/package.json', 'utf8')).dependencies['onnxruntime-web'];
const problems = [];
if (pinned !== used) problems.push(`package.json pins onnxruntime-web ${pinned}, transformers.js uses ${used}`);

const files = readdirSync(dist, { recursive: true }).map(String);
const copies = [];
for (const file of files.filter((f) => /\.m?js$/.test(f))) {
  const text = readFileSync(join(dist, file), 'utf8');
  const apis = text.match(/defineProperty\([\w$]+\.versions,\s*"web"/g)?.length ?? 0;
  if (apis === 0) continue;
  if (apis > 1) problems.push(`${file} holds ${apis} copies of onnxruntime-web's API`);
  if (/(^|\/)index-[\w-]+\.js$/.test(file))
    problems.push(`${file}, the main thread's bundle, holds onnxruntime-web (models run in workers)`);
  const versions = new Set(text.match(/\d+\.\d+\.\d+-dev\.\d+-[0-9a-f]+/g)?.filter((v) => v.endsWith(pinned.split('-').at(-1))));
  if (!versions.has(pinned)) problems.push(`${file} holds onnxruntime-web but not version ${pinned}`);
  copies.push(file);
}
const wasm = files.filter((f) => /(^|\/)ort-[^/]*\.wasm$/.test(f)); // ORT's own wasm (other wasm, such as Pyodide's, is not ORT)
for (const f of wasm)
  if (!/(^|\/)ort-wasm-simd-threaded(\.asyncify)?-[\w-]+\.wasm$/.test(f)) problems.push(`unexpected ORT wasm build ${f}`);
if (copies.length === 0) problems.push(`no bundle in ${dist} holds onnxruntime-web`);

if (problems.length > 0) {
  console.error(`one ORT runtime: FAILED\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`one ORT runtime: onnxruntime-web ${pinned} (transformers.js's), in ${copies.join(', ')}; wasm ${wasm.join(', ')}`);
