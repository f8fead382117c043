// Dataset import off the main thread: detects the format, reads the file into native samples with the
// catalog's prices, and computes its statistics.
import { serve } from './rpc.ts';
import { detectFormat, formats, type FormatName } from '../core/data/importers/formats.ts';
import { datasetStats } from '../core/data/stats.ts';
import type { Catalog } from '../core/catalog/model.ts';

export const importHandlers = {
  importDataset(args: { text: string; fileName: string; catalog: Catalog; format?: FormatName }) {
    const format = args.format ?? detectFormat(args.text, args.fileName);
    const samples = formats[format].read(args.text, args.fileName, { catalog: args.catalog });
    if (samples.length === 0) throw new Error(`${args.fileName}: no samples in the file`);
    return { format, samples, stats: datasetStats(samples) };
  },
};

serve(importHandlers);
