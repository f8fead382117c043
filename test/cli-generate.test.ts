// `llmrouter generate` end to end against the provider test server in fixture mode: LLMRouter's test queries,
// 5 per task, three models. Every score must equal the fixture's known one; a run killed halfway and rerun ends with
// each (query, model) pair exactly once, the failed pair retried; the budget stops a run cleanly; `llmrouter train`
// takes the output. Also `llmrouter score` for single answers.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { BenchmarkFixture } from '../test-server/benchmark-fixture.ts';
import type { BenchmarkFixtureFile } from '../test-server/benchmark-fixture.ts';
import type { BenchmarkItem } from '../src/core/pipeline/benchmark-item.ts';
import { BENCH_MODELS, benchFixture, benchItems, writeBenchCatalog } from './helpers/benchmark-run.ts';
import { runCli, testServerUrls } from './helpers/run-cli.ts';
import { repoRoot, sharedData } from './shared-data.ts';

const bin = resolve(repoRoot, 'bin/llmrouter.js');
const dir = mkdtempSync(join(tmpdir(), 'llmrouter-generate-'));
const queries = sharedData ? join(sharedData, 'llmrouter/default_query_test.jsonl') : '';
let server: TestServer;
let items: BenchmarkItem[];
let fixture: BenchmarkFixtureFile;
let catalog: string;

beforeAll(async () => {
  if (!sharedData) return;
  items = benchItems(queries);
  // The first pair asked of bench-strong has its stream cut once (a failure, retried by the rerun); one bench-mid
  // answer gets a 500 once (retried within the call).
  fixture = benchFixture(items, [
    { id: items[0]!.id, api_model: 'bench-strong', fault: 'cut=2', times: 1 },
    { id: items[1]!.id, api_model: 'bench-mid', fault: '500', times: 1 },
  ]);
  server = await startTestServer({ fixture: new BenchmarkFixture(fixture) });
  catalog = writeBenchCatalog(dir);
});
afterAll(() => server?.close());

function args(out: string, extra: string[] = []): string[] {
  return [
    'generate',
    '--queries',
    queries,
    '--per-task',
    '5',
    '--seed',
    '1',
    '--models',
    BENCH_MODELS.map((m) => m.id).join(','),
    '--catalog',
    catalog,
    ...testServerUrls(server.url, 'openai', 'local'),
    '--out',
    out,
    ...extra,
  ];
}

const env = () => ({ ...process.env, OPENAI_API_KEY: 'sk-generate-test' });

const cli = (argv: string[]) => runCli(argv, { env: env() });

const lines = (path: string) =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
    : [];

/** Starts generate and SIGKILLs it once `journal` holds `atLeast` results. */
function runAndKill(argv: string[], journal: string, atLeast: number): Promise<number> {
  return new Promise((done) => {
    const child = spawn('node', [bin, ...argv], { cwd: repoRoot, env: env(), stdio: 'ignore' });
    const poll = setInterval(() => {
      const n = lines(journal).length;
      if (n >= atLeast) child.kill('SIGKILL');
    }, 20);
    child.on('exit', () => {
      clearInterval(poll);
      done(lines(journal).length);
    });
  });
}

function expectedScore(itemId: string, model: string): number | undefined {
  const item = items.find((i) => i.id === itemId)!;
  const api = BENCH_MODELS.find((m) => m.id === model)!.api_model;
  return fixture.entries.find((e) => e.model === api && e.match === item.query.trim())?.score;
}

describe.skipIf(!sharedData)('llmrouter generate', { timeout: 600_000 }, () => {
  it("killed halfway and rerun: all 14 tasks, each pair exactly once, every score the fixture's", async () => {
    const out = join(dir, 'routing.jsonl');
    const journal = join(dir, 'routing.results.jsonl');
    const total = items.length * BENCH_MODELS.length;
    expect(new Set(items.map((i) => i.task)).size).toBe(14);
    const before = await runAndKill(args(out, ['--yes', '--concurrency', '1']), journal, total / 2);
    expect(before).toBeGreaterThanOrEqual(total / 2);
    expect(before).toBeLessThan(total);

    const rerun = await cli(args(out, ['--yes']));
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/70 queries over 14 tasks x 3 models: \d+ pairs done, 1 to retry/);

    const results = lines(journal).map((l) => JSON.parse(l));
    const pairs = results.map((r) => `${r.id}|${r.model}`);
    expect(new Set(pairs).size).toBe(total);
    expect(pairs.length).toBe(total);
    expect(results.filter((r) => r.status !== 'ok')).toEqual([]);
    for (const r of results) expect(r.score, `${r.id} ${r.model}: ${r.response}`).toBeCloseTo(expectedScore(r.id, r.model)!, 10);

    const dataset = lines(out).map((l) => JSON.parse(l));
    expect(dataset.length).toBe(items.length);
    expect(new Set(dataset.map((s) => s.task)).size).toBe(14);
    for (const sample of dataset) {
      expect(Object.keys(sample.outcomes).sort()).toEqual(BENCH_MODELS.map((m) => m.id).sort());
      for (const [model, o] of Object.entries(
        sample.outcomes as Record<string, { score: number; cost: number; response: string; latency_ms: number; output_tokens: number }>,
      )) {
        expect(o.score).toBeCloseTo(expectedScore(sample.id, model)!, 10);
        expect(o.cost).toBeGreaterThan(0);
        expect(o.response.length).toBeGreaterThan(0);
        expect(o.output_tokens).toBeGreaterThan(0);
      }
    }
    const summary = JSON.parse(readFileSync(join(dir, 'routing.summary.json'), 'utf8'));
    expect(summary.cells.filter((c: { task: string }) => c.task !== 'all').length).toBe(14 * 3);

    const trained = await cli(['train', '--router', 'knn', '--data', out, '--out', join(dir, 'knn.json')]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toContain('trained knn on 70 queries over 3 models');
  });

  it('stops cleanly at the budget, within it', async () => {
    const out = join(dir, 'budget.jsonl');
    const { code, stderr } = await cli(args(out, ['--yes', '--budget', '0.004', '--concurrency', '2']));
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('[stopped:');
    const results = lines(join(dir, 'budget.results.jsonl')).map((l) => JSON.parse(l));
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThan(items.length * BENCH_MODELS.length);
    expect(results.reduce((sum, r) => sum + r.cost, 0)).toBeLessThanOrEqual(0.004);
  });

  it('asks before spending: without a terminal it needs --yes', async () => {
    const { code, stderr } = await cli(args(join(dir, 'unconfirmed.jsonl')));
    expect(code).toBe(2);
    expect(stderr).toContain('expected cost $');
    expect(stderr).toContain('pass --yes');
    expect(existsSync(join(dir, 'unconfirmed.results.jsonl'))).toBe(false);
  });
});

describe('llmrouter score', () => {
  it.each([
    [['--metric', 'em_mc', '--answer', 'The answer is (B).', '--truth', 'B'], '1'],
    [['--metric', 'GSM8K', '--answer', 'So she makes $18.\n#### 18', '--truth', '#### 18'], '1'],
    [['--metric', 'MATH', '--answer', 'so $\\boxed{\\dfrac{1}{2}}$', '--truth', 'the answer is $\\boxed{\\frac12}$'], '1'],
    [['--metric', 'em_mc', '--answer', 'Cambodia', '--truth', 'C', '--choices', "['Calcutta.', 'Bombay.', 'Cambodia.', 'Bali.']"], '1'],
    [['--metric', 'f1_score', '--answer', 'No idea', '--truth', 'seats'], '0'],
  ])('%j -> %s', async (argv, expected) => {
    const { code, stdout } = await cli(['score', ...argv]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(expected);
  });

  it('names an unknown metric', async () => {
    const { code, stderr } = await cli(['score', '--metric', 'bleu', '--answer', 'a', '--truth', 'b']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown metric "bleu"');
  });
});
