// JSON Lines and top-level JSON arrays as records tagged with the line each starts on.
import { DataError } from './data-error.ts';

export interface JsonRecord {
  line: number;
  value: unknown;
}

/** One JSON value per non-blank line. */
export function readJsonLines(text: string, file: string): JsonRecord[] {
  const records: JsonRecord[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      records.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (e) {
      throw new DataError({ file, line: i + 1 }, `invalid JSON: ${(e as Error).message}`);
    }
  });
  return records;
}

/** The items of a JSON array file, each with the line its value starts on. */
export function readJsonArray(text: string, file: string): JsonRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : undefined;
    throw new DataError({ file, ...(line !== undefined ? { line } : {}) }, `invalid JSON: ${message}`);
  }
  if (!Array.isArray(parsed)) throw new DataError({ file, line: 1 }, 'expected a JSON array of records');
  const lines = arrayItemLines(text);
  return parsed.map((value, i) => ({ line: lines[i]!, value }));
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Start line of each item of the top-level array, by one pass over the (already valid) JSON text. */
function arrayItemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (depth === 1 && expectItem && c !== ']') {
      lines.push(line);
      expectItem = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectItem = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectItem = true;
  }
  return lines;
}
