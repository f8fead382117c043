// End-to-end tests: Debian's Chromium (DESIGN.md's flags) against the built app served by `vite preview` on a port of
// their own: PW_PORT when given, else one the OS says is free. A server already on that port is never reused: the
// run would test whatever build it serves. The served site is the build re-stamped for the e2e deploy (the provider
// test server's origin, hub downloads allowed).
import { createServer } from 'node:net';
import { defineConfig } from '@playwright/test';

export const chromiumArgs = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A port nothing listens on now, as the OS picks one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Kept in the environment: Playwright's workers load this file again and must agree on the port.
process.env.PW_PORT ??= String(await freePort());
const port = Number(process.env.PW_PORT);
/** The provider test server's port in end-to-end runs: the e2e deploy's policy admits this one local origin, no other port. */
process.env.LLMROUTER_TEST_SERVER_PORT ??= String(await freePort());
export const testServerPort = Number(process.env.LLMROUTER_TEST_SERVER_PORT);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    screenshot: 'only-on-failure',
  },
  webServer: {
    // The e2e deploy: the built site re-stamped (as a host would) to admit the provider test server and the model hub.
    command: `rm -rf dist-e2e && cp -r dist dist-e2e && npx tsx scripts/csp-stamp.ts dist-e2e --connect http://127.0.0.1:${testServerPort} --model-hub on && npx vite preview --port ${port} --outDir dist-e2e --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
