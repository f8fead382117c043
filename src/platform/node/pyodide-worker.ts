// The code-eval worker thread: serves one sandbox (sandbox.ts) with the npm package's own Pyodide files, then is
// terminated by its runner.
import { parentPort } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';
import { serveSandbox, type LoadPyodide } from '../../core/pipeline/code/sandbox.ts';

const port = parentPort!;
const inbox: unknown[] = [];
const takers: ((m: unknown) => void)[] = [];
port.on('message', (m) => (takers.length > 0 ? takers.shift()!(m) : inbox.push(m)));
const receive = () => new Promise<unknown>((resolve) => (inbox.length > 0 ? resolve(inbox.shift()) : takers.push(resolve)));
await serveSandbox(loadPyodide as unknown as LoadPyodide, receive, (message) => port.postMessage(message));
