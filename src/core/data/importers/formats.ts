// Every dataset format the importer reads, by name, and detection of a file's format from its name and content.
import type { RoutingSample } from '../sample.ts';
import { readNative } from '../native.ts';
import { DataError } from '../data-error.ts';
import type { ImportOptions } from '../pricing.ts';
import { importDcrouter } from './dcrouter.ts';
import { importLlmrouter } from './llmrouter.ts';
import { importRouterbench } from './routerbench.ts';
import { importRoutellm } from './routellm.ts';
import { OUTCOME_LOG_TYPES, importOutcomeLog } from './outcome-log.ts';

/** Reads a file's text into native samples; throws a DataError (file, line, field) and returns nothing on bad input. */
export type Importer = (text: string, file: string, options: ImportOptions) => RoutingSample[];

export const formats = {
  native: { extension: '.jsonl', read: (text, file) => readNative(text, file) },
  llmrouter: { extension: '.jsonl', read: importLlmrouter },
  dcrouter: { extension: '.json', read: importDcrouter },
  routerbench: { extension: '.csv', read: importRouterbench },
  routellm: { extension: '.csv', read: importRoutellm },
  'outcome-log': { extension: '.jsonl', read: importOutcomeLog },
} satisfies Record<string, { extension: string; read: Importer }>;

export type FormatName = keyof typeof formats;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}

/** The format of a file from its extension and the shape of its first record. */
export function detectFormat(text: string, file: string): FormatName {
  const lower = file.toLowerCase();
  const end = text.indexOf('\n');
  const firstLine = end < 0 ? text : text.slice(0, end);
  if (lower.endsWith('.json')) return 'dcrouter';
  if (lower.endsWith('.jsonl') && OUTCOME_LOG_TYPES.some((t) => firstLine.includes(`"type":"${t}"`))) return 'outcome-log';
  if (lower.endsWith('.jsonl')) return /"outcomes"\s*:/.test(firstLine) ? 'native' : 'llmrouter';
  if (lower.endsWith('.csv')) {
    return /(^|,)"?sample_id"?(,|$)/.test(firstLine.trim()) || firstLine.includes('|total_cost') ? 'routerbench' : 'routellm';
  }
  throw new DataError({ file }, 'cannot tell the format from the file name: expected .jsonl, .json or .csv (or pass --from)');
}
