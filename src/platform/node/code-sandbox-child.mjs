// The code sandbox's child process, spawned by python-runner.ts with an empty environment, a temporary working
// directory, Node's permission model (reads: Pyodide's folder, these two files, the temporary directory; writes:
// the temporary directory; no child processes, workers or addons) and no code generation from strings, so
// `js.constructor.constructor("...")` throws. Node 20's permission model cannot forbid the network, so before
// Pyodide loads this takes away what would reach it: the fetch/WebSocket globals, `process.getBuiltinModule`,
// `process.binding`, and the `require` Pyodide would build (with `ws` for sockets and child_process) is replaced by
// one that gives only fs, path and crypto. Then it serves the sandbox (sandbox.mjs) over the IPC channel.
// Plain JavaScript: it starts without a compiler.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { inbox, serveSandbox } from '../../core/pipeline/code/sandbox.mjs';

const send = process.send.bind(process);
const messages = inbox();
process.on('message', messages.push);
process.on('disconnect', () => process.exit(0));

/** What Pyodide's Emscripten glue requires in Node, and nothing else. */
const MODULES = { fs, path, crypto };
globalThis.require = (name) => {
  if (Object.hasOwn(MODULES, name)) return MODULES[name];
  throw new Error(`${name} is not available in the code sandbox`);
};
// Emscripten's NODEFS reads the fs flags through process.binding, which the permission model refuses.
process.binding = (name) => {
  if (name === 'constants') return { fs: fs.constants };
  throw new Error(`process.binding("${name}") is not available in the code sandbox`);
};
for (const name of ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest']) delete globalThis[name];
for (const name of ['getBuiltinModule', '_linkedBinding', 'dlopen']) delete process[name];

const pyodideDir = process.argv[2];
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, 'pyodide.mjs')).href);
await serveSandbox((config) => loadPyodide({ indexURL: `${pyodideDir}/`, ...config }), messages.receive, send);
