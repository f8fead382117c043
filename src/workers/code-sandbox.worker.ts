// The code-eval worker, started from a blob: URL inside the code sandbox iframe (code-sandbox-page.ts), so it has
// the iframe's opaque origin and its `connect-src 'none'` policy; a classic worker (an opaque origin cannot start a
// module worker from a blob: URL), so it imports nothing at run time. Its first message holds Pyodide's files as
// bytes: its loader and the Emscripten script are loaded from blob: URLs, and `fetch` here answers only for the wasm binary and the
// standard library, from those bytes. Then it serves the sandbox (sandbox.mjs) to the app, through the iframe.
import { inbox, serveSandbox, type LoadPyodide } from '../core/pipeline/code/sandbox.mjs';
import type { PyodideFiles } from './code-sandbox-files.ts';

/** Where Pyodide believes its files are; nothing is fetched from there. */
const INDEX_URL = 'https://pyodide.invalid/';
const TYPES: Record<string, string> = { 'pyodide.asm.wasm': 'application/wasm', 'python_stdlib.zip': 'application/zip' };

/** A fetch that knows two files and nothing else. */
function fetchFrom(files: PyodideFiles): typeof fetch {
  return async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    const name = url.startsWith(INDEX_URL) ? url.slice(INDEX_URL.length) : '';
    const type = TYPES[name];
    if (!type) throw new TypeError(`no network in the code sandbox: ${url}`);
    return new Response(files[name as keyof PyodideFiles], { headers: { 'content-type': type } });
  };
}

declare const loadPyodide: LoadPyodide;

const script = (bytes: ArrayBuffer) => importScripts(URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })));

async function start(files: PyodideFiles, messages: ReturnType<typeof inbox>): Promise<void> {
  script(files['pyodide.js']);
  script(files['pyodide.asm.js']);
  self.fetch = fetchFrom(files);
  const lockFileContents = new TextDecoder().decode(files['pyodide-lock.json']);
  const load: LoadPyodide = (config) => loadPyodide({ indexURL: INDEX_URL, lockFileContents, ...config });
  await serveSandbox(load, messages.receive, (message) => self.postMessage(message));
}

const messages = inbox();
self.onmessage = (event: MessageEvent) => {
  self.onmessage = (next: MessageEvent) => messages.push(next.data);
  void start((event.data as { files: PyodideFiles }).files, messages);
};
