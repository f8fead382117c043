// The `llmrouter` command line: dispatches a verb (loaded only when called), turns usage errors into exit status 2 and
// every other failure into 1.
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.ts';
import { verbs } from './verbs.ts';

function help(): string {
  const width = Math.max(...Object.keys(verbs).map((n) => n.length));
  const lines = Object.entries(verbs).map(([name, v]) => `  ${name.padEnd(width)}  ${v.summary}`);
  return ['usage: llmrouter <command> [options]', '', 'commands:', ...lines, '', 'llmrouter <command> --help for its options'].join('\n');
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
    const found = verbs[verb];
    if (!found) throw new UsageError(`unknown command "${verb}" (llmrouter --help lists them)`);
    const command = await found.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(`usage: ${command.usage}\n\n${found.summary}`);
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
