// `llmrouter import`: reads routing data in any supported format (files or folders) and writes the native JSONL.
import type { Command, FlagValues } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { formats, isFormatName } from '../../core/data/importers/formats.ts';
import { writeNative } from '../../core/data/native.ts';
import type { Prices } from '../../core/data/pricing.ts';
import { withQueryInfo } from '../../core/data/query-info.ts';
import { datasetStats, type DatasetStats } from '../../core/data/stats.ts';
import { writeTextAtomic } from '../../platform/node/files.ts';
import { catalogFlag } from '../catalog-flags.ts';
import { listFlag, queryInfo, readDatasets } from '../read-dataset.ts';

const FORMATS = ['auto', ...Object.keys(formats)];

export const importData: Command = {
  usage:
    `llmrouter import --from ${FORMATS.join('|')} FILE|DIR... --out FILE.jsonl [--stats] ` +
    '[--price MODEL=IN,OUT]... [--catalog FILE] ' +
    '[--queries FILE.jsonl]... [--dedupe]',
  options: {
    from: { type: 'string', default: 'auto' },
    out: { type: 'string' },
    stats: { type: 'boolean', default: false },
    price: { type: 'string', multiple: true },
    catalog: { type: 'string' },
    queries: { type: 'string', multiple: true },
    dedupe: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    const from = String(values.from);
    if (from !== 'auto' && !isFormatName(from)) throw new UsageError(`--from must be one of ${FORMATS.join(', ')}, got "${from}"`);
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('missing --out');
    if (positionals.length === 0) throw new UsageError('no input file or folder given');
    const catalog = await catalogFlag(values);
    const read = await readDatasets(positionals, from, { catalog, prices: priceFlags(values) }, values.dedupe === true);
    const samples = withQueryInfo(read.samples, await queryInfo(values));
    const files = read.files;
    await writeTextAtomic(out, writeNative(samples));
    const dropped =
      read.duplicates > 0 ? ` (dropped ${read.duplicates} repeated id${read.duplicates === 1 ? '' : 's'}, kept the first of each)` : '';
    console.log(`wrote ${samples.length} queries from ${files.length} file${files.length === 1 ? '' : 's'} to ${out}${dropped}`);
    if (values.stats) console.log(formatStats(datasetStats(samples)));
  },
};

/** `--price model=in,out` flags as prices by model name (USD per million tokens). */
function priceFlags(values: FlagValues): Record<string, Prices> {
  const prices: Record<string, Prices> = {};
  for (const text of listFlag(values.price)) {
    const eq = text.lastIndexOf('=');
    const [input, output, ...rest] = text
      .slice(eq + 1)
      .split(',')
      .map(Number);
    if (eq <= 0 || input === undefined || output === undefined || rest.length > 0 || !(input >= 0) || !(output >= 0)) {
      throw new UsageError(`--price must look like MODEL=INPUT,OUTPUT (USD per million tokens), got "${text}"`);
    }
    prices[text.slice(0, eq)] = { input_price: input, output_price: output };
  }
  return prices;
}

function formatStats(stats: DatasetStats): string {
  const width = Math.max(5, ...stats.models.map((m) => m.model.length));
  const lines = [
    `queries  ${stats.queries}`,
    `models   ${stats.models.length}`,
    '',
    `${'model'.padEnd(width)}  queries  mean score  total cost (USD)`,
  ];
  for (const m of stats.models) {
    const estimated = m.estimatedCosts > 0 ? `  (estimated for ${m.estimatedCosts})` : '';
    lines.push(
      `${m.model.padEnd(width)}  ${String(m.count).padStart(7)}  ` +
        `${m.meanScore.toFixed(4).padStart(10)}  ${m.totalCost.toFixed(6).padStart(16)}${estimated}`,
    );
  }
  const tasks = Object.entries(stats.tasks);
  if (tasks.length > 0) {
    const taskWidth = Math.max(...tasks.map(([t]) => t.length));
    lines.push('', `tasks    ${tasks.length}`, ...tasks.map(([t, n]) => `  ${t.padEnd(taskWidth)}  ${n}`));
  }
  return lines.join('\n');
}
