// `llmrouter report --log FILE`: what routing spent and saved against the premium model alone, from a gateway
// log or the app's learning-log export (or backup): the summary of core/learn/usage.ts as a table, or as JSON
// (the same object GET /v1/usage answers).
import type { Command } from '../command.ts';
import { existingFile, requiredFlag } from '../command.ts';
import { usageTable } from '../usage-table.ts';
import { UsageError } from '../usage-error.ts';
import { readCallLog } from '../../core/learn/call-log.ts';
import { summarizeUsage } from '../../core/learn/usage.ts';
import { usageRange } from '../../core/learn/usage-range.ts';
import { readText } from '../../platform/node/files.ts';

export const report: Command = {
  usage:
    'llmrouter report --log FILE [--from DATE] [--to DATE] [--json]   ' +
    '(DATE: YYYY-MM-DD local, an ISO time, or epoch ms; --to takes in its whole day)',
  options: { log: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } },
  async run({ values }) {
    const file = existingFile(requiredFlag(values, 'log'), 'log');
    let range;
    try {
      range = usageRange(values.from as string | undefined, values.to as string | undefined);
    } catch (e) {
      throw new UsageError(`report: ${(e as Error).message}`);
    }
    const summary = summarizeUsage(readCallLog(await readText(file), file), range);
    console.log(values.json ? JSON.stringify(summary) : usageTable(summary));
  },
};
