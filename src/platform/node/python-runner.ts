// The code scorer's Python in Node: each program in a fresh Pyodide interpreter on its own worker thread.
import { Worker } from 'node:worker_threads';
import { FreshInterpreterRunner, DEFAULT_CODE_LIMITS, type CodeLimits, type SandboxMessage, type SandboxWorker } from '../../core/pipeline/code/runner.ts';

function spawn(): SandboxWorker {
  const worker = new Worker(new URL('./pyodide-worker.mjs', import.meta.url));
  worker.unref();
  return {
    onMessage: (listener) => worker.on('message', (m: SandboxMessage) => listener(m)),
    onError: (listener) => {
      worker.on('error', (e) => listener(e.message));
      worker.on('exit', (code) => listener(`the interpreter exited (${code})`));
    },
    post: (message) => worker.postMessage(message),
    terminate: () => void worker.terminate(),
  };
}

export function createNodePythonRunner(limits: Partial<CodeLimits> = {}): FreshInterpreterRunner {
  return new FreshInterpreterRunner(spawn, { ...DEFAULT_CODE_LIMITS, ...limits });
}
