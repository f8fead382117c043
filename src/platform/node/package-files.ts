// Files this package ships (public/: models, shipped routers), found from the package root whether the code runs
// from src/ (tsx, tests) or from the compiled CLI in dist-cli/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
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
