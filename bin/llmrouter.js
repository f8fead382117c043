#!/usr/bin/env node
// The `llmrouter` executable: runs the compiled CLI (dist-cli/, built by `npm run build:cli`, which `npm install`
// runs as its prepare step). While developing, `npm run cli -- <args>` runs the TypeScript directly.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist-cli/run.mjs', import.meta.url);
if (!existsSync(compiled)) {
  console.error('llmrouter: the CLI is not built; run `npm run build:cli` (or `npm run cli -- <args>` to run it from source)');
  process.exit(1);
}
await import(compiled.href);
