// `llmrouter list-routers`: every router name with what it reads and one line about it; with --options,
// each router's options and their defaults (what `--options JSON` may set).
import type { Command } from '../command.ts';
import { routers } from '../../core/routers/registry.ts';

export const listRouters: Command = {
  usage: 'llmrouter list-routers [--options]',
  options: { options: { type: 'boolean' } },
  async run({ values }) {
    const width = Math.max(0, ...Object.keys(routers).map((n) => n.length));
    for (const [name, entry] of Object.entries(routers)) {
      console.log(`${name.padEnd(width)}  ${entry.input.padEnd(9)}  ${entry.description}`);
      if (!values.options) continue;
      for (const [option, value] of Object.entries(entry.optionDefaults()))
        console.log(`${' '.repeat(width)}    --options ${option}: ${JSON.stringify(value)}`);
    }
  },
};
