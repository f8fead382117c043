// Long CLI steps report progress with an ETA on stderr (src/cli/progress.ts) and leave --json stdout one object.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';
import { sharedData } from './shared-data.ts';

const cli = (...args: string[]) => runCli(args);

describe.skipIf(!sharedData)('progress on stderr', () => {
  it('eval reports routing the test set with an ETA; stdout stays the JSON report', async () => {
    const data = resolve(sharedData!, 'llmrouter/dcrouter_train.json');
    const { stdout, stderr } = await cli(
      'eval',
      '--router',
      'best-single',
      '--data',
      data,
      '--from',
      'dcrouter',
      '--test-fraction',
      '0.5',
      '--json',
    );
    expect(JSON.parse(stdout).n_test).toBe(2804);
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toBe('[training best-single] 100.0%, ETA 0s');
    expect(lines.length).toBe(12);
    for (const line of lines.slice(1))
      expect(line).toMatch(/^\[routing the test set with best-single\] \d+\/2804 \(\d+\.\d%\), ETA (\?|\d+s|\d+m\d\ds)$/);
  }, 120_000);

  it('import reports the files of a folder as it reads them', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'llmrouter-progress-')), 'mmlu.jsonl');
    const { stderr } = await cli('import', '--from', 'routellm', resolve(sharedData!, 'routellm/mmlu'), '--out', out);
    expect(stderr).toMatch(/^\[reading\] 57\/57 \(100\.0%\), 14042 queries, ETA 0s$/m);
  }, 120_000);
});
