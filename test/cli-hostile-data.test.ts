// The CLI on a RouterBench CSV as pandas writes it (an index column with an empty header), with repeated
// sample ids and partial outcomes (models not run, samples with no outcome at all): import refuses the
// repeats naming them or, with --dedupe, keeps the first of each; eval skips what it cannot score and says so.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './helpers/run-cli.ts';
import { readNative } from '../src/core/data/native.ts';
import { repoRoot } from './shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'llmrouter-hostile-'));
process.env.LLMROUTER_CACHE = join(dir, 'cache');
const { main } = await import('../src/cli/main.ts');
const fixture = resolve(repoRoot, 'test/fixtures/routerbench-pandas.csv');

const run = (...args: string[]) => runInProcess(main, args);

describe('a pandas-written RouterBench CSV with repeats and partial outcomes', () => {
  it('import refuses the repeated ids, naming them', async () => {
    const { code, err } = await run('import', fixture, '--out', join(dir, 'refused.jsonl'));
    expect(code).toBe(1);
    expect(err).toContain('2 repeated sample ids: "gsm8k.0" (twice in');
    expect(err).toContain('"mbpp.6" (twice in');
    expect(err).toContain('--dedupe');
  });

  it('import --dedupe keeps the first of each id, ignores the index column, and keeps "not run" missing', async () => {
    const out = join(dir, 'deduped.jsonl');
    const { code, out: stdout } = await run('import', fixture, '--out', out, '--dedupe');
    expect(code).toBe(0);
    expect(stdout).toBe(`wrote 42 queries from 1 file to ${out} (dropped 2 repeated ids, kept the first of each)`);
    const samples = readNative(readFileSync(out, 'utf8'), out);
    expect(samples.find((s) => s.id === 'gsm8k.0')!.outcomes['gpt-4o']!.score).toBe(1);
    expect(Object.keys(samples.find((s) => s.id === 'gsm8k.1')!.outcomes)).toEqual(['gpt-4o', 'mistral-small']);
    expect(samples.find((s) => s.id === 'gsm8k.5')!.outcomes).toEqual({});
  });

  it('eval skips the test samples no model was run on, counting them, and scores the rest', async () => {
    const { code, out, err } = await run(
      'eval',
      '--router',
      'knn',
      '--data',
      fixture,
      '--dedupe',
      '--test-fraction',
      '0.5',
      '--seed',
      '1',
      '--json',
    );
    expect(code).toBe(0);
    expect(err).toContain('dropped 2');
    const r = JSON.parse(out);
    expect(r.skipped).toBe(1);
    expect(r.n_test + r.skipped).toBe(21);
    // gpt-4o was not run on some test samples: judged on those it ran on, not counted 0 on the others.
    expect(r.best_single.model).toBe('gpt-4o');
    expect(r.best_single.quality).toBeGreaterThan(0.6);
  }, 60_000);
});

describe('llmrouter with no command', () => {
  it('prints the usage to stderr and exits 2', async () => {
    const { code, out, err } = await run();
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('usage: llmrouter <command>');
  });
});
