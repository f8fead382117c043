// Vitest global setup: compiles the CLI (scripts/build-cli.mjs, well under a second) so the tests that run
// bin/llmrouter.js run the current source.
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildCli } from '../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
