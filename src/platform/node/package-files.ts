// Files this package ships (public/: models, shipped routers; the code sandbox's plain-JavaScript files), found from
// the package root whether the code runs from src/ (tsx, tests) or from the compiled CLI in dist-cli/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

/** The package's public/ folder (what the app serves), with a trailing slash. */
export const publicDir = join(packageRoot(), 'public/');

/** A file of the package by its path from the package root. */
export const packageFile = (path: string): string => join(packageRoot(), path);
