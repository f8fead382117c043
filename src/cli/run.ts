// The CLI's entry point: runs `main` on the process's arguments. Bundled to dist-cli/run.mjs (scripts/build-cli.mjs)
// for bin/llmrouter.js; `tsx src/cli/run.ts` runs it from source while developing.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
