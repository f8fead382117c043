// Builds the static app. Relative base so it works under any path; cross-origin isolation headers so
// onnxruntime-web may use threads; onnxruntime-web kept out of pre-bundling so its .wasm files are copied.
// The built index.html carries the Content-Security-Policy as a <meta> (static hosts), and `vite preview`
// also sends it as a header.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, parseOrigins } from './src/platform/browser/csp.ts';

const csp = contentSecurityPolicy(parseOrigins(process.env.LLMROUTER_CONNECT_ORIGINS));

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Puts the policy into the built page, first in <head> so it covers everything after it. */
const cspMeta: Plugin = {
  name: 'llmrouter-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: csp }, injectTo: 'head-prepend' }],
};

export default defineConfig({
  base: './',
  plugins: [react(), cspMeta],
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', chunkSizeWarningLimit: 2048 },
  server: { host: '127.0.0.1', headers: isolation },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { ...isolation, 'Content-Security-Policy': csp } },
});
