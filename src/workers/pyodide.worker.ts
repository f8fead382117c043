// The code-eval Web Worker: serves one sandbox (sandbox.ts) with Pyodide loaded from the app's own origin.
import { loadPyodide } from 'pyodide';
import { serveSandbox, type LoadPyodide } from '../core/pipeline/code/sandbox.ts';

const inbox: unknown[] = [];
const takers: ((m: unknown) => void)[] = [];
self.onmessage = (event: MessageEvent) => (takers.length > 0 ? takers.shift()!(event.data) : inbox.push(event.data));
const receive = () => new Promise<unknown>((resolve) => (inbox.length > 0 ? resolve(inbox.shift()) : takers.push(resolve)));
void serveSandbox(loadPyodide as unknown as LoadPyodide, receive, (message) => self.postMessage(message));
