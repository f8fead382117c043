// Files for the Node runtime: read text, list a folder's files of one kind, and write atomically
// (temp file then rename, so a failed write never leaves a half file behind).
import { readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

export async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path)).isDirectory();
}

/** The files in `dir` whose names end with `extension`, sorted by name. */
export async function filesIn(dir: string, extension: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((n) => n.toLowerCase().endsWith(extension))
    .sort()
    .map((n) => join(dir, n));
}

/** Writes `text` to a temp file beside `path`, then renames it over `path`. */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
