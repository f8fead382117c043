// The page model-written code runs under in the browser: `code-sandbox.html`, loaded by the app in an
// `<iframe sandbox="allow-scripts">` (no allow-same-origin: an opaque origin, so no IndexedDB, Cache Storage,
// cookies or service worker of the app's). Its policy allows no connection at all (`connect-src 'none'`) and no
// script but its own bootstrap (by hash) and blob: URLs it makes itself; it loads nothing from any origin. The app
// posts it, on a MessageChannel port, the code-sandbox worker's source and Pyodide's files as bytes; the bootstrap
// starts the worker from a blob: URL (the worker inherits this policy) and relays messages between the port and it.
// Framing by other sites is not forbidden: the page holds nothing and runs only what its framer posts it.

const BOOTSTRAP = `
onmessage = (event) => {
  const port = event.ports[0];
  const source = event.data && event.data.worker;
  if (event.source !== parent || !port || typeof source !== 'string') return;
  onmessage = null;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'classic' });
  worker.onmessage = (e) => port.postMessage(e.data);
  worker.onerror = (e) => port.postMessage({ type: 'error', message: e.message || 'the code sandbox worker failed to start' });
  port.onmessage = (e) => worker.postMessage(e.data);
  worker.postMessage({ files: event.data.files });
};
`;

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest));
}

/** The sandbox page's Content-Security-Policy (as a <meta> in the page, and as a header where we run the server). */
export async function codeSandboxPolicy(): Promise<string> {
  return [
    "default-src 'none'",
    `script-src 'sha256-${await sha256(BOOTSTRAP)}' blob: 'wasm-unsafe-eval'`,
    'worker-src blob:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The whole page. */
export async function codeSandboxPage(): Promise<string> {
  const policy = await codeSandboxPolicy();
  const head = `<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${policy}">\n<title>code sandbox</title>`;
  return `<!doctype html>\n${head}\n<script>${BOOTSTRAP}</script>\n`;
}

export const CODE_SANDBOX_PAGE = 'code-sandbox.html';
