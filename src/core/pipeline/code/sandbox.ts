// Inside a code-eval worker: one fresh Pyodide interpreter that can run one program. Its WebAssembly memory is
// capped (Python gets MemoryError past the limit), `import js` sees an empty object, `pyodide_js` cannot be
// imported, and the worker's network globals are gone before the answer's code runs. Runtime-agnostic: the Node
// worker thread and the browser Web Worker both call it with their own `loadPyodide`.
import type { CodeRunResult } from './runner.ts';

export interface SandboxOptions {
  indexURL?: string;
  memoryMb: number;
}

type LoadPyodide = (config: Record<string, unknown>) => Promise<{ runPython(code: string, options?: { globals?: unknown }): unknown; globals: { get(name: string): unknown } }>;

/** Python run before the answer: no way back to JavaScript or the package loader. */
const LOCKDOWN = `
import sys
for _name in ("pyodide_js", "_pyodide_js", "micropip"):
    sys.modules[_name] = None
del _name
`;

/** Runs a program in a fresh namespace and reports how it ended, in one line. */
const HARNESS = `
def __llmrouter_run(source):
    import traceback
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
    return new Native({ ...descriptor, initial: Math.min(descriptor.initial, pages), maximum: Math.min(descriptor.maximum ?? pages, pages) });
  } as unknown as typeof WebAssembly.Memory;
  Capped.prototype = Native.prototype;
  (WebAssembly as { Memory: typeof WebAssembly.Memory }).Memory = Capped;
}

function removeNetwork(): void {
  const scope = globalThis as Record<string, unknown>;
  for (const name of NETWORK_GLOBALS) {
    try {
      delete scope[name];
      scope[name] = undefined;
    } catch {
      // a non-configurable global stays; the others still go
    }
  }
}

export interface Sandbox {
  run(program: string): CodeRunResult;
}

/** A fresh interpreter, locked down, ready for one program. */
export async function openSandbox(loadPyodide: LoadPyodide, options: SandboxOptions): Promise<Sandbox> {
  capWasmMemory(options.memoryMb);
  const pyodide = await loadPyodide({
    ...(options.indexURL ? { indexURL: options.indexURL } : {}),
    jsglobals: {},
    stdin: () => null,
    stdout: () => {},
    stderr: () => {},
  });
  removeNetwork();
  pyodide.runPython(LOCKDOWN);
  pyodide.runPython(HARNESS);
  const run = pyodide.globals.get('__llmrouter_run') as (source: string) => { toJs(): [string, string]; destroy(): void };
  return {
    run(program) {
      const proxy = run(program);
      const [status, message] = proxy.toJs();
      proxy.destroy();
      return status === 'passed' ? { status: 'passed' } : { status: status as 'failed' | 'memory', message };
    },
  };
}
