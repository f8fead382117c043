// Builds the static app. Relative base so it works under any path; cross-origin isolation headers so
// onnxruntime-web may use threads; onnxruntime-web kept out of pre-bundling so its .wasm files are copied.
// The built index.html carries the boot Content-Security-Policy as a <meta> (static hosts); the app narrows its
// connections to the origins of llmrouter.config.json (written here with LLMROUTER_CONNECT_ORIGINS as default,
// editable on the host without a rebuild) before it starts. `vite preview` sends the full policy from that file
// as a header, with frame-ancestors 'none'. A Workbox service worker precaches the app, its models and the ORT wasm so it
// starts and routes offline, and the web app manifest makes it installable. Pyodide's files are served from the
// app's origin too, cached when first used rather than precached. Model-written code runs in code-sandbox.html, a page
// with its own policy (no connections) loaded in an opaque-origin iframe.
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { bootPolicy, headerPolicy, parseOrigins } from './src/platform/browser/csp.ts';
import { DEPLOY_CONFIG_FILE, parseDeployConfig } from './src/platform/browser/deploy-config.ts';
import { CODE_SANDBOX_PAGE, codeSandboxPage, codeSandboxPolicy } from './src/platform/browser/code-sandbox-page.ts';
import { PYODIDE_FILES } from './src/workers/code-sandbox-files.ts';

const buildOrigins = parseOrigins(process.env.LLMROUTER_CONNECT_ORIGINS);

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Puts the policy into the built page, first in <head> so it covers everything after it. */
const cspMeta: Plugin = {
  name: 'llmrouter-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: bootPolicy() }, injectTo: 'head-prepend' }],
};

/** Pyodide's runtime files, served from the app's own origin under pyodide/ (never a CDN), for the code scorer. */
const pyodideDir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
const pyodideFiles: Plugin = {
  name: 'llmrouter-pyodide-files',
  configureServer(server) {
    server.middlewares.use('/pyodide/', (req, res, next) => {
      const name = (req.url ?? '').replace(/^\//, '').split('?')[0]!;
      if (!(PYODIDE_FILES as readonly string[]).includes(name)) return next();
      res.setHeader('content-type', name.endsWith('.wasm') ? 'application/wasm' : name.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');
      createReadStream(join(pyodideDir, name)).pipe(res);
    });
  },
  generateBundle() {
    for (const name of PYODIDE_FILES) this.emitFile({ type: 'asset', fileName: `pyodide/${name}`, source: readFileSync(join(pyodideDir, name)) });
  },
};

/** The page model-written code runs under (code-sandbox-page.ts), with its own policy, not the app's. */
const codeSandbox: Plugin = {
  name: 'llmrouter-code-sandbox',
  configureServer(server) {
    server.middlewares.use(`/${CODE_SANDBOX_PAGE}`, async (_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.setHeader('Content-Security-Policy', await codeSandboxPolicy());
      res.end(await codeSandboxPage());
    });
  },
  configurePreviewServer(server) {
    server.middlewares.use(async (req, res, next) => {
      if ((req.url ?? '').split('?')[0]!.endsWith(`/${CODE_SANDBOX_PAGE}`)) res.setHeader('Content-Security-Policy', await codeSandboxPolicy());
      next();
    });
  },
  async generateBundle() {
    this.emitFile({ type: 'asset', fileName: CODE_SANDBOX_PAGE, source: await codeSandboxPage() });
  },
};

/** Writes the deploy config beside index.html, with the build-time origins as its default. */
const deployConfig: Plugin = {
  name: 'llmrouter-deploy-config',
  apply: 'build',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: DEPLOY_CONFIG_FILE, source: `${JSON.stringify({ connectOrigins: buildOrigins }, null, 2)}\n` });
  },
};

/** `vite preview` sends the whole policy as a header, from the deploy config as it is now (none when it is unreadable). */
const cspHeader: Plugin = {
  name: 'llmrouter-csp-header',
  configurePreviewServer(server) {
    server.middlewares.use((_req, res, next) => {
      res.setHeader('Content-Security-Policy', headerPolicy(servedOrigins(resolve(server.config.root, server.config.build.outDir, DEPLOY_CONFIG_FILE))));
      next();
    });
  },
};

function servedOrigins(file: string): string[] {
  try {
    return parseDeployConfig(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return [];
  }
}

export default defineConfig({
  base: './',
  plugins: [
    react(),
    cspMeta,
    deployConfig,
    cspHeader,
    codeSandbox,
    pyodideFiles,
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      includeAssets: ['icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'llmrouter-web',
        short_name: 'llmrouter',
        description: 'Bring-your-own-key chat that routes each message on your device.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#3b6cf6',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,wasm,onnx,json,txt,model,png,svg,ico,webmanifest}'],
        // The deploy config is the host's to change: always read from the network, never from the precache.
        // Pyodide (about 13 MB) is fetched only when code answers are scored, then kept in its own cache.
        globIgnores: [DEPLOY_CONFIG_FILE, 'pyodide/**'],
        runtimeCaching: [{ urlPattern: /\/pyodide\/[^/]+$/, handler: 'CacheFirst', options: { cacheName: 'pyodide' } }],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  optimizeDeps: { exclude: ['onnxruntime-web', 'pyodide'] },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', chunkSizeWarningLimit: 2048 },
  server: { host: '127.0.0.1', headers: isolation },
  // `npm start`: PORT when set (and only it), else 4173 or the next free port.
  preview: { host: '127.0.0.1', port: Number(process.env.PORT) || 4173, strictPort: Boolean(process.env.PORT), headers: isolation },
});
