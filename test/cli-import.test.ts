// Runs the real `llmrouter import` on the shared routing data and on broken input.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNative } from '../src/core/data/native.ts';
import { runCli } from './helpers/run-cli.ts';
import { repoRoot, sharedData } from './shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'llmrouter-import-'));

const cli = (...args: string[]) => runCli(args);

function imported(file: string) {
  return readNative(readFileSync(file, 'utf8'), file);
}

describe.skipIf(!sharedData)('llmrouter import on the shared data', () => {
  const data = (p: string) => resolve(sharedData!, p);

  it('dcrouter_train.json: 5,608 queries over 9 models, priced from the catalog', async () => {
    const out = join(dir, 'dc-train.jsonl');
    const { code, stdout } = await cli('import', '--from', 'dcrouter', data('llmrouter/dcrouter_train.json'), '--out', out, '--stats');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^queries {2}5608$/m);
    expect(stdout).toMatch(/^models {3}9$/m);
    expect(stdout).toMatch(/^llama-3\.1-8b-instruct +5608 +0\.5607 +\d+\.\d{6} +\(estimated for 5608\)$/m);
    const samples = imported(out);
    expect(samples).toHaveLength(5608);
    expect(Object.keys(samples[0]!.outcomes)).toHaveLength(9);
  });

  it('dcrouter_test.json: 500 queries (format detected), tasks joined from the LLMRouter query files', async () => {
    const out = join(dir, 'dc-test.jsonl');
    const queries = ['--queries', data('llmrouter/default_query_train.jsonl'), '--queries', data('llmrouter/default_query_test.jsonl')];
    const { code, stdout } = await cli('import', data('llmrouter/dcrouter_test.json'), ...queries, '--out', out, '--stats');
    expect(code).toBe(0);
    expect(stdout).toContain('wrote 500 queries from 1 file');
    expect(stdout).toMatch(/^tasks {4}10$/m);
    expect(stdout).toMatch(/^ {2}human_eval +50$/m);
    const samples = imported(out);
    expect(samples).toHaveLength(500);
    expect(samples.every((s) => s.task !== undefined && s.metric !== undefined)).toBe(true);
  });

  it('RouteLLM mmlu folder: 57 files, 14,042 queries, 2 models, one task per file', async () => {
    const out = join(dir, 'mmlu.jsonl');
    const { code, stdout } = await cli('import', '--from', 'routellm', data('routellm/mmlu'), '--out', out, '--stats');
    expect(code).toBe(0);
    expect(stdout).toContain('wrote 14042 queries from 57 files');
    expect(stdout).toMatch(/^models {3}2$/m);
    expect(stdout).toMatch(/^tasks {4}57$/m);
    expect(stdout).toMatch(/^ {2}mmlu_abstract_algebra +100$/m);
    const samples = imported(out);
    expect(samples).toHaveLength(14042);
    expect(new Set(samples.flatMap((s) => Object.keys(s.outcomes)))).toEqual(
      new Set(['gpt-4-1106-preview', 'mistralai/Mixtral-8x7B-Instruct-v0.1']),
    );
  });

  it('gsm8k_responses.csv: 1,319 queries with responses', async () => {
    const out = join(dir, 'gsm8k.jsonl');
    const { code } = await cli('import', '--from', 'routellm', data('routellm/gsm8k_responses.csv'), '--out', out);
    expect(code).toBe(0);
    const samples = imported(out);
    expect(samples).toHaveLength(1319);
    expect(samples[0]!.outcomes['gpt-4-1106-preview']!.response).toContain('$18');
  });
});

describe('llmrouter import on small and broken input', () => {
  const fixture = resolve(repoRoot, 'test/fixtures/routerbench-sample.csv');

  it('imports the RouterBench fixture and prints per-task counts', async () => {
    const out = join(dir, 'rb.jsonl');
    const { code, stdout } = await cli('import', '--from', 'routerbench', fixture, '--out', out, '--stats');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^mistral-small +9 +0\.6111 +0\.000365$/m);
    expect(stdout).toMatch(/^ {2}gsm8k +2$/m);
    expect(imported(out)).toHaveLength(10);
  });

  it('a malformed file exits 1 naming file, line and field, and writes nothing (an earlier output stays whole)', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, readFileSync(fixture, 'utf8').replace('mbpp,1,0.0021', 'mbpp,yes,0.0021'));
    const out = join(dir, 'never.jsonl');
    const { code, stderr } = await cli('import', bad, '--out', out);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`llmrouter: ${bad}, line 12, field "gpt-4o": Invalid input: expected number, received NaN`);
    expect(existsSync(out)).toBe(false);
    const kept = join(dir, 'kept.jsonl');
    writeFileSync(kept, 'earlier import\n');
    expect((await cli('import', fixture, bad, '--out', kept)).code).toBe(1);
    expect(readFileSync(kept, 'utf8')).toBe('earlier import\n');
  });

  it('a model outside the catalog fails naming it, and --price supplies it', async () => {
    const csv = join(dir, 'custom.csv');
    writeFileSync(csv, 'prompt,my-llm\nhello there,True\n');
    const out = join(dir, 'custom.jsonl');
    const refused = await cli('import', '--from', 'routellm', csv, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('model "my-llm" is not in the catalog');
    const { code } = await cli('import', '--from', 'routellm', csv, '--out', out, '--price', 'my-llm=1,2');
    expect(code).toBe(0);
    expect(imported(out)[0]!.outcomes['my-llm']!.cost).toBeCloseTo((3 * 1 + 256 * 2) / 1e6, 12);
  });

  it('usage errors print one line and exit 2: unknown flag, missing file, bad --from, bad --price', async () => {
    for (const args of [
      ['import', fixture, '--out', join(dir, 'x.jsonl'), '--bogus'],
      ['import', join(dir, 'missing.csv'), '--out', join(dir, 'x.jsonl')],
      ['import', '--from', 'parquet', fixture, '--out', join(dir, 'x.jsonl')],
      ['import', fixture, '--out', join(dir, 'x.jsonl'), '--price', 'gpt-4o=cheap'],
      ['import', fixture],
    ]) {
      const { code, stderr } = await cli(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
