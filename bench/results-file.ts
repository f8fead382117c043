// bench/results.json: every benchmark merges its own key into it, leaving the others' keys alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const resultsPath = new URL('./results.json', import.meta.url);

export function mergeResults(key: string, value: unknown): void {
  const all = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
  all[key] = value;
  writeFileSync(resultsPath, `${JSON.stringify(all, null, 2)}\n`);
}
