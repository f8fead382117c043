// The code-eval worker thread: opens one fresh Pyodide interpreter (the npm package's own files), says it is
// ready, runs the one program it is sent, reports, and is then terminated by its runner.
import { parentPort, workerData } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';
import { openSandbox } from '../../core/pipeline/code/sandbox.ts';
import type { SandboxMessage } from '../../core/pipeline/code/runner.ts';

const port = parentPort!;
const send = (message: SandboxMessage) => port.postMessage(message);
try {
  const sandbox = await openSandbox(loadPyodide as never, { memoryMb: (workerData as { memoryMb: number }).memoryMb });
  port.once('message', (program: string) => send({ type: 'result', result: sandbox.run(program) }));
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'error', message: (e as Error).message });
}
