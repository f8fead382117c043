// Unit tests: the core, the CLI and the platform adapters, in Node. The CLI is compiled first (test/compile-cli.ts):
// its tests run bin/llmrouter.js as a user does.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'test-server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/compile-cli.ts'],
  },
});
