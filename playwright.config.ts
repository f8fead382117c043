// End-to-end tests: Debian's Chromium (DESIGN.md's flags) against the built app served by `vite preview`, its policy
// re-stamped for the e2e deploy (the provider test server's origin, hub downloads allowed).
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

const port = Number(process.env.PW_PORT ?? 4173);
/** The provider test server's port in end-to-end runs: the e2e deploy's policy admits this one local origin, no other port. */
export const testServerPort = port + 2000;
process.env.LLMROUTER_TEST_SERVER_PORT ??= String(testServerPort);

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
    command: `rm -rf dist-e2e && cp -r dist dist-e2e && npx tsx scripts/csp-stamp.ts dist-e2e --connect http://127.0.0.1:${testServerPort} --model-hub on && npx vite preview --port ${port} --outDir dist-e2e`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
