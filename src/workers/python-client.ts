// The code scorer's Python in the browser: a sandbox iframe (code-sandbox-page.ts: opaque origin, no connections)
// per batch, replaced after a program that timed out or crashed. Its worker's source and Pyodide's files come from
// the app's own origin (`pyodide/`, copied there by the build; never a CDN), fetched here once and posted to each
// iframe as bytes; after that the app and the sandbox speak only over a MessageChannel, and the runner checks
// every message (runner.ts).
import workerUrl from './code-sandbox.worker.ts?worker&url';
import { FreshInterpreterRunner, DEFAULT_CODE_LIMITS, type CodeLimits, type SandboxWorker } from '../core/pipeline/code/runner.ts';
import { CODE_SANDBOX_PAGE } from '../platform/browser/code-sandbox-page.ts';
import { PYODIDE_FILES, type PyodideFiles } from './code-sandbox-files.ts';

interface SandboxAssets {
  worker: string;
  files: PyodideFiles;
}

async function bytes(url: URL): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url.pathname} for the code sandbox (${response.status})`);
  return response.arrayBuffer();
}

async function loadAssets(): Promise<SandboxAssets> {
  const worker = await (await fetch(new URL(workerUrl, document.baseURI))).text();
  const file = async (name: string) => [name, await bytes(new URL(`pyodide/${name}`, document.baseURI))] as const;
  const files = await Promise.all(PYODIDE_FILES.map(file));
  return { worker, files: Object.fromEntries(files) as PyodideFiles };
}

function spawnFrame(assets: Promise<SandboxAssets>): SandboxWorker {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.hidden = true;
  frame.title = 'code sandbox';
  const channel = new MessageChannel();
  const failures: ((message: string) => void)[] = [];
  frame.addEventListener(
    'load',
    () => {
      assets.then(
        (a) => frame.contentWindow?.postMessage({ worker: a.worker, files: a.files }, '*', [channel.port2]),
        (e: Error) => failures.forEach((fail) => fail(e.message)),
      );
    },
    { once: true },
  );
  frame.src = new URL(CODE_SANDBOX_PAGE, document.baseURI).href;
  document.body.append(frame);
  return {
    onMessage: (listener) => void (channel.port1.onmessage = (event) => listener(event.data)),
    onError: (listener) => void failures.push(listener),
    post: (message) => channel.port1.postMessage(message),
    terminate: () => {
      channel.port1.close();
      frame.remove();
    },
  };
}

export function createBrowserPythonRunner(limits: Partial<CodeLimits> = {}): FreshInterpreterRunner {
  let assets: Promise<SandboxAssets> | undefined;
  return new FreshInterpreterRunner(() => spawnFrame((assets ??= loadAssets())), { ...DEFAULT_CODE_LIMITS, ...limits });
}
