// Builds the static app. Relative base so it works under any path; cross-origin isolation headers so
// onnxruntime-web may use threads; onnxruntime-web kept out of pre-bundling so its .wasm files are copied.
// The deploy config (llmrouter.config.json at the repository root, or the file LLMROUTER_CONFIG names; plus the
// LLMROUTER_CONNECT_ORIGINS origins and LLMROUTER_MODEL_HUB=1) fixes the Content-Security-Policy at build time: the
// built index.html carries it as its first <meta>, and the build ships it as header files for static hosts (_headers,
// deploy/nginx-headers.conf, deploy/caddy-headers.caddyfile) beside the config it came from. `vite preview` sends the
// built site's policy as a header, with frame-ancestors 'none'. A Workbox service worker precaches the app, its models and the ORT wasm so it
// starts and routes offline, and the web app manifest makes it installable. Pyodide's files are served from the
// app's origin too, cached when first used rather than precached. Model-written code runs in code-sandbox.html, a page
// with its own policy (no connections) loaded in an opaque-origin iframe.
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { existsSync } from 'node:fs';
import { headerFiles, headerPolicy, pagePolicy, parseOrigins } from './src/platform/browser/csp.ts';
import { DEPLOY_CONFIG_FILE, parseDeployConfig, type DeployConfig } from './src/platform/browser/deploy-config.ts';
import { siteConfig } from './src/platform/node/deploy-stamp.ts';
import { CODE_SANDBOX_PAGE, codeSandboxPage, codeSandboxPolicy } from './src/platform/browser/code-sandbox-page.ts';
import { PYODIDE_FILES } from './src/workers/code-sandbox-files.ts';

/** The deploy config the build fixes the policy with. */
function buildConfig(): DeployConfig {
  const file = process.env.LLMROUTER_CONFIG ?? DEPLOY_CONFIG_FILE;
  const base = existsSync(file) ? parseDeployConfig(JSON.parse(readFileSync(file, 'utf8'))) : { connectOrigins: [], modelHub: false };
  return parseDeployConfig({
    connectOrigins: [...base.connectOrigins, ...parseOrigins(process.env.LLMROUTER_CONNECT_ORIGINS)],
    modelHub: base.modelHub || process.env.LLMROUTER_MODEL_HUB === '1',
  });
}
const deploy = buildConfig();

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Puts the deploy's final policy into the built page, first in <head> so it covers everything after it. */
const cspMeta: Plugin = {
  name: 'llmrouter-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: pagePolicy(deploy) }, injectTo: 'head-prepend' },
  ],
};

/** Pyodide's runtime files, served from the app's own origin under pyodide/ (never a CDN), for the code scorer. */
const pyodideDir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
const pyodideFiles: Plugin = {
  name: 'llmrouter-pyodide-files',
  configureServer(server) {
    server.middlewares.use('/pyodide/', (req, res, next) => {
      const name = (req.url ?? '').replace(/^\//, '').split('?')[0]!;
      if (!(PYODIDE_FILES as readonly string[]).includes(name)) return next();
      res.setHeader(
        'content-type',
        name.endsWith('.wasm') ? 'application/wasm' : name.endsWith('.js') ? 'text/javascript' : 'application/octet-stream',
      );
      createReadStream(join(pyodideDir, name)).pipe(res);
    });
  },
  generateBundle() {
    for (const name of PYODIDE_FILES)
      this.emitFile({ type: 'asset', fileName: `pyodide/${name}`, source: readFileSync(join(pyodideDir, name)) });
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
      if ((req.url ?? '').split('?')[0]!.endsWith(`/${CODE_SANDBOX_PAGE}`))
        res.setHeader('Content-Security-Policy', await codeSandboxPolicy());
      next();
    });
  },
  async generateBundle() {
    this.emitFile({ type: 'asset', fileName: CODE_SANDBOX_PAGE, source: await codeSandboxPage() });
  },
};

/** Writes the deploy config the policy came from beside index.html, and the header files for static hosts. */
const deployFiles: Plugin = {
  name: 'llmrouter-deploy-files',
  apply: 'build',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: DEPLOY_CONFIG_FILE, source: `${JSON.stringify(deploy, null, 2)}\n` });
    for (const [fileName, source] of Object.entries(headerFiles(deploy))) this.emitFile({ type: 'asset', fileName, source });
  },
};

/** `vite preview` sends the built site's policy as a header (from its config, as `npm run csp:stamp` left it). */
const cspHeader: Plugin = {
  name: 'llmrouter-csp-header',
  configurePreviewServer(server) {
    const policy = headerPolicy(siteConfig(resolve(server.config.root, server.config.build.outDir)));
    server.middlewares.use((_req, res, next) => {
      res.setHeader('Content-Security-Policy', policy);
      next();
    });
  },
};

export default defineConfig({
  base: './',
  plugins: [
    react(),
    cspMeta,
    deployFiles,
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
        // The deploy config and header files are for the host, not the page.
        // Pyodide (about 13 MB) is fetched only when code answers are scored, then kept in its own cache.
        globIgnores: [DEPLOY_CONFIG_FILE, '_headers', 'deploy/**', 'pyodide/**'],
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
