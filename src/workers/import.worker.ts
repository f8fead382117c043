// Dataset import off the main thread: streams the file in (progress by bytes read), detects the format, reads
// it into native samples with the catalog's prices (repeated ids refused, or the first of each kept when
// asked), computes its statistics and stores the dataset in IndexedDB from here, so the page does not spend
// its own time serialising it. Files over the size bound are refused before anything is read.
import { serve, type Call } from './rpc.ts';
import { detectFormat, formats, type FormatName } from '../core/data/importers/formats.ts';
import { datasetStats } from '../core/data/stats.ts';
import { joinSamples } from '../core/data/duplicates.ts';
import type { Catalog } from '../core/catalog/model.ts';
import { putRecord } from '../platform/browser/records.ts';

/** The largest dataset file read at all. */
export const MAX_DATASET_BYTES = 512 * 1024 * 1024;
/** Share of the progress bar that reading the file takes; parsing and statistics take the rest. */
const READING = 0.6;

export const importHandlers = {
  async importDataset(args: { file: Blob; fileName: string; catalog: Catalog; format?: FormatName; dedupe?: boolean }, call: Call) {
    if (args.file.size > MAX_DATASET_BYTES) {
      throw new Error(
        `${args.fileName}: ${Math.round(args.file.size / 2 ** 20)} MB is over the ${MAX_DATASET_BYTES / 2 ** 20} MB a dataset may have`,
      );
    }
    const text = await readText(args.file, (f) => call.progress(f * READING, 'reading'), call.signal);
    call.progress(READING, 'parsing');
    const format = args.format ?? detectFormat(text, args.fileName);
    const read = formats[format].read(text, args.fileName, { catalog: args.catalog });
    const { samples, duplicates } = joinSamples([{ file: args.fileName, samples: read }], args.dedupe);
    if (samples.length === 0) throw new Error(`${args.fileName}: no samples in the file`);
    call.progress(0.85, 'saving');
    const record = { id: crypto.randomUUID(), name: args.fileName, format, importedAt: Date.now(), stats: datasetStats(samples), samples };
    await putRecord('datasets', record);
    return { record, duplicates };
  },
};

/** The file's text, decoded as it streams in, with the fraction read reported at each whole percent. */
async function readText(file: Blob, progress: (fraction: number) => void, signal: AbortSignal): Promise<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  const parts: string[] = [];
  let read = 0;
  let reported = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (signal.aborted) throw new Error('import cancelled');
    parts.push(chunk.value);
    read += chunk.value.length;
    const percent = Math.min(100, Math.floor((100 * read) / Math.max(1, file.size)));
    if (percent > reported) progress((reported = percent) / 100);
  }
  return parts.join('');
}

serve(importHandlers);
