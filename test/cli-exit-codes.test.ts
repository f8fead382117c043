// One exit-code rule across every verb (src/cli/usage-error.ts): 0 success, 2 when the command line is wrong, 1 when
// the command line was right and something else failed. Each row runs the compiled CLI as a user would; a usage
// error is one stderr line that names the fix (the nearest known name, the flag, where the list is).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';
import { repoRoot } from './shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'llmrouter-exit-'));
const data = resolve(repoRoot, 'test/fixtures/routerbench-sample.csv');
const missing = join(dir, 'missing.jsonl');
const malformed = join(dir, 'malformed.jsonl');
writeFileSync(malformed, '{"id":"a","query":"hi","outcomes":{"gpt-4o":{"score":1,"cost":0}}}\n{"id":"b","query":\n');
const queries = join(dir, 'queries.jsonl');
writeFileSync(queries, `${JSON.stringify({ task_name: 'mmlu', query: 'What is 2+2? A. 3 B. 4', ground_truth: 'B', metric: 'em_mc' })}\n`);
const out = join(dir, 'out.json');
// No provider keys: a verb that needs one fails at run time (1), not as a usage error.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/_API_KEY$/.test(k)));

type Row = [args: string[], code: 0 | 1 | 2, stderr: RegExp];
const rows: Row[] = [
  [[], 2, /usage: llmrouter <command>/],
  [['nope'], 2, /unknown command "nope" \(llmrouter --help lists them\)/],
  [['list-routers', '--bogus'], 2, /list-routers: Unknown option '--bogus'/],
  [['train', '--data', data, '--out', out], 2, /missing --router/],
  [
    ['train', '--router', 'knnn', '--data', data, '--out', out],
    2,
    /unknown router "knnn"; nearest known: "knn" \(llmrouter list-routers lists them\)/,
  ],
  [['train', '--router', 'knn', '--data', missing, '--out', out], 2, /not found: .*missing\.jsonl/],
  [['train', '--router', 'knn', '--data', malformed, '--out', out], 1, /malformed\.jsonl.*line 2/],
  [['route'], 2, /no query given/],
  [['route', '--router', 'irtt', 'hi'], 2, /unknown router \(not a file either\) "irtt"; nearest known: "irt"/],
  [['route', '--allowed', 'gpt-5,not-a-model', 'hi'], 2, /unknown model in --allowed "not-a-model"; nearest known: "gpt-5-\w+"/],
  [['eval', '--router', 'xyz', '--data', data], 2, /unknown router "xyz"; nearest known/],
  [
    ['eval', '--router', 'knn', '--data', data, '--hold-out', 'gpt-4oo'],
    2,
    /unknown model in --hold-out "gpt-4oo"; nearest known: "gpt-4o"/,
  ],
  [['import', '--out', out], 2, /no input file or folder given/],
  [['import', malformed, '--out', out], 1, /malformed\.jsonl.*line 2/],
  [['embed'], 2, /give at least one text/],
  [['chat', '--model', 'gpt-5-nanoo', 'hi'], 2, /unknown model in --model "gpt-5-nanoo"; nearest known: "gpt-5-nano"/],
  [['chat', '--model', 'gpt-5-nano', 'hi'], 1, /OPENAI_API_KEY/],
  [['generate', '--queries', queries, '--models', 'gpt-5,not-a-model', '--out', out], 2, /unknown model in --models "not-a-model"/],
  [['generate', '--queries', queries, '--models', 'gpt-5-nano', '--yes', '--out', out], 1, /provider openai cannot be called: set its key/],
  [['score', '--metric', 'bleu', '--answer', 'a', '--truth', 'b'], 2, /unknown metric "bleu"/],
  [['simulate', '--router', 'linucbb', '--data', data], 2, /unknown router "linucbb"; nearest known: "linucb"/],
  [['simulate', '--router', 'knn', '--data', data], 2, /does not learn online/],
  [['serve'], 2, /missing --config/],
  [['serve', '--config', missing], 2, /not found/],
  [['report'], 2, /missing --log/],
  [['report', '--log', malformed], 1, /malformed\.jsonl/],
];

const cli = (args: string[]) => runCli(args, { cwd: dir, env });

describe('llmrouter exit codes', () => {
  it.concurrent.each(rows)(
    '%j exits %i',
    async (args, code, message) => {
      const r = await cli(args);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(code);
      expect(r.stdout.trim()).toBe('');
      if (code === 2 && args.length > 0) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    },
    90_000,
  );

  const verbs = ['list-routers', 'train', 'route', 'eval', 'import', 'embed', 'chat', 'generate', 'score', 'simulate', 'serve', 'report'];
  it.concurrent.each(verbs)(
    '%s --help prints its usage on stdout and exits 0',
    async (verb) => {
      const r = await cli([verb, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: llmrouter ${verb}`));
    },
    90_000,
  );

  it('llmrouter --help lists exactly those verbs', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect([...r.stdout.matchAll(/^ {2}([\w-]+) {2,}/gm)].map((m) => m[1])).toEqual(verbs);
  });
});
