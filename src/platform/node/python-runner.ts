// The code scorer's Python in Node: one child process per batch (a new one only after a program is killed), with
// no inherited environment, a temporary working directory removed when it exits, Node's permission model and no
// code generation from strings (the child's own hardening is in code-sandbox-child.mjs), a JavaScript heap cap, and
// SIGKILL when a program runs past its time. The child is plain JavaScript run by this same `node`, without tsx.
import { spawn, type StdioOptions } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageFile } from './package-files.ts';
import { FreshInterpreterRunner, DEFAULT_CODE_LIMITS, type CodeLimits, type SandboxWorker } from '../../core/pipeline/code/runner.ts';

// Found from the package root: the compiled CLI (dist-cli/) runs them from src/ as they are.
const CHILD = realpathSync(packageFile('src/platform/node/code-sandbox-child.mjs'));
const SANDBOX = realpathSync(packageFile('src/core/pipeline/code/sandbox.mjs'));
const PYODIDE = realpathSync(dirname(createRequire(import.meta.url).resolve('pyodide/package.json')));
/** Node 20 calls the permission model experimental; later versions took the flag's prefix off. */
const PERMISSION = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
/** The child's JavaScript heap; Python's memory is the WebAssembly memory the sandbox caps. */
const HEAP_MB = 256;

/** The flags the child runs under: what it may read and write, and nothing else. */
export function sandboxFlags(workDir: string): string[] {
  const reads = [PYODIDE, CHILD, SANDBOX, workDir].map((path) => `--allow-fs-read=${path}`);
  const limits = ['--disallow-code-generation-from-strings', `--max-old-space-size=${HEAP_MB}`, '--no-warnings'];
  return [PERMISSION, ...reads, `--allow-fs-write=${workDir}`, ...limits];
}

function spawnSandbox(): SandboxWorker {
  const workDir = realpathSync(mkdtempSync(join(tmpdir(), 'llmrouter-code-')));
  const stdio: StdioOptions = ['ignore', 'ignore', 'pipe', 'ipc'];
  const child = spawn(process.execPath, [...sandboxFlags(workDir), CHILD, PYODIDE], { cwd: workDir, env: {}, stdio });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-400)));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  child.once('exit', removeWorkDir);
  return {
    onMessage: (listener) => child.on('message', listener),
    onError: (listener) => {
      child.on('error', (e) => listener(e.message));
      child.on('exit', (code, signal) => listener(`the sandbox exited (${code ?? signal})${stderr ? `: ${stderr.trim()}` : ''}`));
    },
    post: (message) => void (child.connected && child.send(message)),
    // Also removed here: a CLI that closes its runner may exit before the child's exit event.
    terminate: () => {
      child.kill('SIGKILL');
      removeWorkDir();
    },
  };
}

export function createNodePythonRunner(limits: Partial<CodeLimits> = {}): FreshInterpreterRunner {
  return new FreshInterpreterRunner(spawnSandbox, { ...DEFAULT_CODE_LIMITS, ...limits });
}
