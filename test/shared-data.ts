// Where the shared routing data lives (never copied into the repo): $LLMROUTER_SHARED, else ../shared beside the
// repository, else /work/shared. Tests that need it skip when it is absent.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..');

function findSharedData(): string | undefined {
  const candidates = [process.env.LLMROUTER_SHARED, resolve(repoRoot, '../shared'), '/work/shared'].filter((p): p is string => !!p);
  const root = candidates.find((p) => existsSync(resolve(p, 'data')));
  return root ? resolve(root, 'data') : undefined;
}

/** The shared data folder, or undefined (with a message on stderr) when it is missing. */
export const sharedData = findSharedData();
if (!sharedData) console.warn('shared routing data not found ($LLMROUTER_SHARED, ../shared, /work/shared): tests that read it are skipped');
