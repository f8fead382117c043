// Reading routing data for any verb: files or folders in any importer format (detected, or named by
// --from) joined into one native dataset, what --queries files say about each query (task, ground truth,
// metric).
import type { FlagValues } from './command.ts';
import { existingFile } from './command.ts';
import { UsageError } from './usage-error.ts';
import { progress } from './progress.ts';
import { detectFormat, formats, type FormatName } from '../core/data/importers/formats.ts';
import { joinSamples } from '../core/data/duplicates.ts';
import type { ImportOptions } from '../core/data/pricing.ts';
import type { RoutingSample } from '../core/data/sample.ts';
import { readQueryInfo, type QueryInfo } from '../core/data/query-info.ts';
import { filesIn, isDirectory, readText } from '../platform/node/files.ts';

/** Task, ground truth and metric by query text from the `--queries` files (LLMRouter's default_query_*.jsonl). */
export async function queryInfo(values: FlagValues): Promise<Map<string, QueryInfo>> {
  const info = new Map<string, QueryInfo>();
  for (const file of listFlag(values.queries)) {
    for (const [query, known] of readQueryInfo(await readText(existingFile(file, 'queries file')), file)) info.set(query, known);
  }
  return info;
}

/** A repeatable string flag as a list. */
export function listFlag(flag: FlagValues[string]): string[] {
  return (Array.isArray(flag) ? flag : flag === undefined ? [] : [flag]).map(String);
}

/** Reads every file (folders expanded) in format `from` ('auto' detects each) into one dataset; repeated ids refused unless `dedupe`. */
export async function readDatasets(
  paths: string[],
  from: string,
  options: ImportOptions,
  dedupe = false,
): Promise<{ samples: RoutingSample[]; files: string[]; duplicates: number }> {
  const files = await inputFiles(paths, from === 'auto' ? undefined : (from as FormatName));
  const parts = [];
  const line = progress('reading', files.length, { minItems: 4 });
  for (const file of files) {
    const text = await readText(file);
    const format = from === 'auto' ? detectFormat(text, file) : (from as FormatName);
    parts.push({ file, samples: formats[format].read(text, file, options) });
    line.update(parts.length, `${parts.reduce((n, p) => n + p.samples.length, 0)} queries`);
  }
  line.end();
  return { ...joinSamples(parts, dedupe), files };
}

/** Files named on the command line, with each folder replaced by its files of the format's kind. */
async function inputFiles(paths: string[], format: FormatName | undefined): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    existingFile(path, 'input');
    if (!(await isDirectory(path))) {
      files.push(path);
      continue;
    }
    const extensions = format ? [formats[format].extension] : [...new Set(Object.values(formats).map((f) => f.extension))];
    const inside = (await Promise.all(extensions.map((ext) => filesIn(path, ext)))).flat();
    if (inside.length === 0) throw new UsageError(`no ${extensions.join(' or ')} files in folder ${path}`);
    files.push(...inside);
  }
  return files;
}
