// Dataset import off the main thread: detects the format, reads the file into native samples with the
// catalog's prices (repeated ids refused, or the first of each kept when asked), and computes its statistics.
import { serve } from './rpc.ts';
import { detectFormat, formats, type FormatName } from '../core/data/importers/formats.ts';
import { datasetStats } from '../core/data/stats.ts';
import { joinSamples } from '../core/data/duplicates.ts';
import type { Catalog } from '../core/catalog/model.ts';

export const importHandlers = {
  importDataset(args: { text: string; fileName: string; catalog: Catalog; format?: FormatName; dedupe?: boolean }) {
    const format = args.format ?? detectFormat(args.text, args.fileName);
    const read = formats[format].read(args.text, args.fileName, { catalog: args.catalog });
    const { samples, duplicates } = joinSamples([{ file: args.fileName, samples: read }], args.dedupe);
    if (samples.length === 0) throw new Error(`${args.fileName}: no samples in the file`);
    return { format, samples, duplicates, stats: datasetStats(samples) };
  },
};

serve(importHandlers);
