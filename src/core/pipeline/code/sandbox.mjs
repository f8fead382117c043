// Inside the code sandbox (a child process in Node, a worker in an opaque-origin iframe in the browser): Python
// booted once, then a fresh interpreter for each program. The realm around it is the boundary (see the runtimes'
// entries); this file owns what happens in it. Booting Python takes seconds, so the first interpreter is booted
// with Pyodide's `_makeSnapshot` (a private API, pinned to the 0.29 line) and its memory image kept; each program
// then runs in a new instance restored from that image, so nothing one answer (or poisoned benchmark test) changes
// reaches another answer's score. The interpreters' WebAssembly memory is capped (Python gets MemoryError past it),
// `import js` sees an empty object and the loader modules are hidden: small obstacles, not the boundary.
// Plain JavaScript so that the Node child process runs it without a compiler.

/** Python run before each program: no obvious way to the package loader. */
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

const quiet = { jsglobals: {}, stdin: () => null, stdout: () => {}, stderr: () => {} };

/** Caps every WebAssembly.Memory created from now on (Pyodide makes its heap with one). */
function capWasmMemory(memoryMb) {
  const Native = WebAssembly.Memory;
  const pages = Math.floor((memoryMb * 1024 * 1024) / 65536);
  const Capped = function (descriptor) {
    return new Native({ ...descriptor, maximum: Math.min(descriptor.maximum ?? pages, pages) });
  };
  Capped.prototype = Native.prototype;
  WebAssembly.Memory = Capped;
}

/**
 * Pyodide compiles its 8.6 MB binary at every load, and every interpreter here loads the same binary: compile each
 * binary (told apart by size) once. Streaming instantiation goes through the same cache.
 */
function compileOnce() {
  const instantiate = WebAssembly.instantiate.bind(WebAssembly);
  const compiled = new Map();
  const fromBytes = async (bytes, imports) => {
    if (!compiled.has(bytes.byteLength)) compiled.set(bytes.byteLength, WebAssembly.compile(bytes));
    const module = await compiled.get(bytes.byteLength);
    return { module, instance: await instantiate(module, imports) };
  };
  WebAssembly.instantiate = (source, imports) =>
    source instanceof WebAssembly.Module ? instantiate(source, imports) : fromBytes(source, imports);
  WebAssembly.instantiateStreaming = async (response, imports) => fromBytes(await (await response).arrayBuffer(), imports);
}

/** The memory image of Python just booted, with the harness's one import done. */
async function bootImage(loadPyodide) {
  const pyodide = await loadPyodide({ ...quiet, _makeSnapshot: true });
  pyodide.runPython('import traceback');
  return pyodide.makeMemorySnapshot();
}

/** A fresh interpreter from the image, locked down, ready for one program. */
async function openInterpreter(loadPyodide, image) {
  const pyodide = await loadPyodide({ ...quiet, _loadSnapshot: image });
  pyodide.runPython(LOCKDOWN);
  pyodide.runPython(HARNESS);
  return pyodide;
}

function runIn(pyodide, source) {
  const proxy = pyodide.globals.get('__llmrouter_run')(source);
  const [status, message] = proxy.toJs();
  proxy.destroy();
  return status === 'passed' ? { status: 'passed' } : { status, message };
}

/**
 * The sandbox's whole life: take the init message ({memoryMb}), boot Python, then for each program open a fresh
 * interpreter, say "ready", run the program it is sent and report. `receive` yields the runner's messages in order.
 */
export async function serveSandbox(loadPyodide, receive, send) {
  try {
    const init = await receive();
    compileOnce();
    const image = await bootImage(loadPyodide);
    capWasmMemory(Number(init.memoryMb));
    for (;;) {
      const pyodide = await openInterpreter(loadPyodide, image);
      send({ type: 'ready' });
      send({ type: 'result', result: runIn(pyodide, String(await receive())) });
    }
  } catch (e) {
    send({ type: 'error', message: String(e?.message ?? e) });
  }
}

/** An inbox over a message source: `push` what arrives, `receive` takes the next message in order. */
export function inbox() {
  const waiting = [];
  const takers = [];
  return {
    push: (message) => (takers.length > 0 ? takers.shift()(message) : waiting.push(message)),
    receive: () => new Promise((resolve) => (waiting.length > 0 ? resolve(waiting.shift()) : takers.push(resolve))),
  };
}
