// `llmrouter list-routers`: every router name with what it reads and one line about it.
import type { Command } from '../command.ts';
import { routers } from '../../core/routers/registry.ts';

export const listRouters: Command = {
  summary: 'list the routing strategies',
  usage: 'llmrouter list-routers',
  options: {},
  async run() {
    const width = Math.max(0, ...Object.keys(routers).map((n) => n.length));
    for (const [name, entry] of Object.entries(routers)) {
      console.log(`${name.padEnd(width)}  ${entry.input.padEnd(9)}  ${entry.description}`);
    }
  },
};
