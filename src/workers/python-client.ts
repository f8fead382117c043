// The code scorer's Python in the browser: fresh Pyodide interpreters in a Web Worker, Pyodide's files served
// from the app's own origin (`pyodide/`, copied there by the build), never from a CDN.
import { FreshInterpreterRunner, DEFAULT_CODE_LIMITS, type CodeLimits, type SandboxMessage, type SandboxWorker } from '../core/pipeline/code/runner.ts';

function spawn(): SandboxWorker {
  const worker = new Worker(new URL('./pyodide.worker.ts', import.meta.url), { type: 'module' });
  return {
    onMessage: (listener) => worker.addEventListener('message', (e: MessageEvent<SandboxMessage>) => listener(e.data)),
    onError: (listener) => worker.addEventListener('error', (e) => listener(e.message || 'the code-eval worker failed')),
    post: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
  };
}

export function createBrowserPythonRunner(limits: Partial<CodeLimits> = {}): FreshInterpreterRunner {
  return new FreshInterpreterRunner(spawn, { ...DEFAULT_CODE_LIMITS, ...limits }, new URL('pyodide/', document.baseURI).href);
}
