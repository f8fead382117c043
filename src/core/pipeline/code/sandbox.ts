// Inside a code-eval worker: a fresh Pyodide interpreter for each program, the previous one dropped. Its WebAssembly
// memory is capped (Python gets MemoryError past the limit), `import js` sees an empty object, `pyodide_js` cannot
// be imported, and the worker's network globals are gone while the answer's code runs (they are put back only while
// the next interpreter loads, when no answer code exists). Starting Python from scratch takes seconds, so the runner
// first has a worker boot it once and take a memory snapshot (Pyodide's `_makeSnapshot`, pinned to the 0.29 line);
// each answer's interpreter is a new instance restored from that pristine image: fresh, nothing left by earlier
// answers, in about a fifth of the time. Runtime-agnostic: the Node worker thread and the browser Web Worker both
// call it with their own `loadPyodide`.
import type { CodeRunResult, SandboxInit, SandboxMessage } from './runner.ts';

interface Pyodide {
  runPython(code: string): unknown;
  globals: { get(name: string): unknown };
  makeMemorySnapshot(): Uint8Array;
}

export type LoadPyodide = (config: Record<string, unknown>) => Promise<Pyodide>;

/** Python run before the answer: no way back to JavaScript or the package loader. */
const LOCKDOWN = `
import sys
for _name in ("pyodide_js", "_pyodide_js", "micropip"):
    sys.modules[_name] = None
del _name
`;

/** Runs a program in a fresh namespace and reports how it ended, in one line. */
const HARNESS = `
import traceback
def __llmrouter_run(source):
    try:
        exec(compile(source, "<answer>", "exec"), {"__name__": "__main__"})
        return "passed", ""
    except MemoryError:
        return "memory", "MemoryError"
    except BaseException as error:
        lines = traceback.format_exception_only(type(error), error)
        return "failed", "".join(lines).strip()[-500:]
`;

const NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'Request'];

/** Caps every WebAssembly.Memory created from now on (Pyodide makes its heap with one). */
function capWasmMemory(memoryMb: number): void {
  const Native = WebAssembly.Memory;
  const pages = Math.floor((memoryMb * 1024 * 1024) / 65536);
  const Capped = function (descriptor: WebAssembly.MemoryDescriptor) {
    return new Native({ ...descriptor, maximum: Math.min(descriptor.maximum ?? pages, pages) });
  } as unknown as typeof WebAssembly.Memory;
  Capped.prototype = Native.prototype;
  (WebAssembly as { Memory: typeof WebAssembly.Memory }).Memory = Capped;
}

/** Takes the network globals away; the returned function puts them back (to load the next interpreter). */
function removeNetwork(): () => void {
  const scope = globalThis as Record<string, unknown>;
  const saved = NETWORK_GLOBALS.map((name) => [name, scope[name]] as const);
  for (const name of NETWORK_GLOBALS) {
    try {
      scope[name] = undefined;
    } catch {
      // a read-only global stays; the others still go
    }
  }
  return () => {
    for (const [name, value] of saved) scope[name] = value;
  };
}

const quiet = { jsglobals: {}, stdin: () => null, stdout: () => {}, stderr: () => {} };

/** Boots Python once, with the harness imported, and returns the memory image answers' interpreters start from. */
async function makeSnapshot(loadPyodide: LoadPyodide, indexURL?: string): Promise<Uint8Array> {
  const pyodide = await loadPyodide({ ...(indexURL ? { indexURL } : {}), ...quiet, _makeSnapshot: true });
  pyodide.runPython('import traceback');
  return pyodide.makeMemorySnapshot();
}

/** A fresh interpreter, locked down, ready for one program. */
async function openInterpreter(loadPyodide: LoadPyodide, init: SandboxInit): Promise<Pyodide> {
  const pyodide = await loadPyodide({ ...(init.indexURL ? { indexURL: init.indexURL } : {}), ...quiet, ...(init.snapshot ? { _loadSnapshot: init.snapshot } : {}) });
  pyodide.runPython(LOCKDOWN);
  pyodide.runPython(HARNESS);
  return pyodide;
}

function runIn(pyodide: Pyodide, source: string): CodeRunResult {
  const run = pyodide.globals.get('__llmrouter_run') as (source: string) => { toJs(): [string, string]; destroy(): void };
  const proxy = run(source);
  const [status, message] = proxy.toJs();
  proxy.destroy();
  return status === 'passed' ? { status: 'passed' } : { status: status as 'failed' | 'memory', message };
}

/**
 * The worker's whole life: take the init message; then either make the snapshot and stop, or, for each program,
 * open a fresh interpreter, say "ready", run the program it is sent and report. `receive` yields the messages the
 * runner posts, in order.
 */
export async function serveSandbox(loadPyodide: LoadPyodide, receive: () => Promise<unknown>, send: (message: SandboxMessage) => void): Promise<void> {
  try {
    const init = (await receive()) as SandboxInit;
    if (init.makeSnapshot) return send({ type: 'snapshot', bytes: await makeSnapshot(loadPyodide, init.indexURL) });
    capWasmMemory(init.memoryMb);
    for (;;) {
      const pyodide = await openInterpreter(loadPyodide, init);
      const restore = removeNetwork();
      send({ type: 'ready' });
      send({ type: 'result', result: runIn(pyodide, String(await receive())) });
      restore();
    }
  } catch (e) {
    send({ type: 'error', message: (e as Error).message });
  }
}
