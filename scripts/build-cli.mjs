// Compiles the CLI to dist-cli/ with esbuild (ES modules, one chunk per verb, npm packages left as imports) so that
// bin/llmrouter.js starts without a TypeScript loader. The code sandbox's child process is plain JavaScript, run from
// src/ as it is (src/platform/node/python-runner.ts). Chunks of earlier builds are removed
// after the new ones are written, so a CLI already running keeps its files.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist-cli');

export async function buildCli() {
  const { metafile } = await build({
    // The gateway's encoder runs on a worker thread (src/platform/node/encoder-thread.ts): its entry is a module of its own.
    entryPoints: { run: join(root, 'src/cli/run.ts'), 'encoder-thread-worker': join(root, 'src/platform/node/encoder-thread-worker.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
  });
  const written = new Set(Object.keys(metafile.outputs).map((p) => basename(p)));
  for (const file of readdirSync(outdir)) if (!written.has(file)) rmSync(join(outdir, file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
