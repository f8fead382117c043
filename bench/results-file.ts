// bench/results.json: every benchmark merges its own key into it, leaving the others' keys alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const resultsPath = new URL('./results.json', import.meta.url);

export function mergeResults(key: string, value: unknown): void {
  const all = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
  all[key] = value;
  writeFileSync(resultsPath, `${JSON.stringify(all, null, 2)}\n`);
}

/** Replaces the text between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` in a docs page (nothing when absent). */
export function writeMarkedTable(page: string, name: string, table: string): void {
  const text = readFileSync(page, 'utf8');
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  if (!text.includes(start)) return;
  writeFileSync(page, `${text.slice(0, text.indexOf(start) + start.length)}\n${table}\n${text.slice(text.indexOf(end))}`);
}
