// The `llmrouter` command line: dispatches a verb, turns usage errors (no command included) into exit status 2.
import { parseArgs } from 'node:util';
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';
import { listRouters } from './commands/list-routers.ts';
import { train } from './commands/train.ts';
import { route } from './commands/route.ts';
import { evalCommand } from './commands/eval.ts';
import { importData } from './commands/import.ts';
import { embed } from './commands/embed.ts';
import { chat } from './commands/chat.ts';
import { generate } from './commands/generate.ts';
import { score } from './commands/score.ts';
import { simulateCommand } from './commands/simulate.ts';
import { serve } from './commands/serve.ts';
import { report } from './commands/report.ts';

const commands: Record<string, Command> = {
  'list-routers': listRouters,
  train,
  route,
  eval: evalCommand,
  import: importData,
  embed,
  chat,
  generate,
  score,
  simulate: simulateCommand,
  serve,
  report,
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const verbs = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['usage: llmrouter <command> [options]', '', 'commands:', ...verbs, '', 'llmrouter <command> --help for its options'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb) {
    console.error(help());
    return 2;
  }
  if (verb === '--help' || verb === '-h') {
    console.log(help());
    return 0;
  }
  try {
    const command = commands[verb];
    if (!command) throw new UsageError(`unknown command "${verb}" (llmrouter --help lists them)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(`usage: ${command.usage}`);
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(`${verb}: ${(e as Error).message.split('\n')[0]}`);
    }
    await command.run(parsed);
    return 0;
  } catch (e) {
    const err = e as Error;
    console.error(`llmrouter: ${err.message}`);
    return err instanceof UsageError ? 2 : 1;
  }
}
