// `llmrouter train`, `route` and `eval --json` in-process on a small native dataset written from the
// synthetic clusters (real encoder, embedding cache in a temp folder), and clear errors for bad router files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './helpers/run-cli.ts';
import { clusters } from './helpers/synthetic.ts';
import { REPORT_KEYS } from './helpers/report-keys.ts';
import { writeNative } from '../src/core/data/native.ts';
import { routers } from '../src/core/routers/registry.ts';

const dir = mkdtempSync(join(tmpdir(), 'llmrouter-routers-'));
process.env.LLMROUTER_CACHE = join(dir, 'cache');
const { main } = await import('../src/cli/main.ts');

const topics = ['python function that sorts a list', 'integral of a polynomial function'];
const samples = clusters(60).samples.map((s, i) => ({ ...s, query: `${topics[i % 2]} number ${i}` }));
const data = join(dir, 'data.jsonl');
writeFileSync(data, writeNative(samples));

const run = (...args: string[]) => runInProcess(main, args);

const offline = Object.entries(routers)
  .filter(([, e]) => e.input !== 'provider' && !e.fromRouter)
  .map(([name]) => name);

describe('llmrouter list-routers', () => {
  it('shows every router, and with --options each option and its default', async () => {
    const plain = await run('list-routers');
    expect(plain.out).toMatch(/^ensemble +embedding +stacking/m);
    expect(plain.out).not.toMatch(/--options/);
    const { code, out } = await run('list-routers', '--options');
    expect(code).toBe(0);
    expect(out).toContain('--options members: ["knn","mlp","logreg"]');
    expect(out).toContain('--options maskRate: 0.3');
    expect(out).toContain('--options small: "optional"');
  });
});

describe('llmrouter eval --json', () => {
  it.each(offline)(
    '%s prints the DESIGN.md object',
    async (name) => {
      const { code, out, err } = await run('eval', '--router', name, '--data', data, '--test-fraction', '0.25', '--seed', '1', '--json');
      expect(err).toBe('');
      expect(code).toBe(0);
      const r = JSON.parse(out);
      expect(Object.keys(r).filter((k) => k !== 'routellm')).toEqual(REPORT_KEYS);
      expect('routellm' in r).toBe(r.models.length === 2); // RouteLLM's APGR and CPT on two-model data
      expect(r.n_test).toBe(15);
      expect(r.curve.length).toBeGreaterThan(5);
    },
    60_000,
  );

  it('refuses routers that call providers', async () => {
    const { code, err } = await run('eval', '--router', 'automix', '--data', data);
    expect(code).toBe(2);
    expect(err).toMatch(/calls providers/);
  });
});

describe('llmrouter train and route', () => {
  it('trains knn, routes a query to the model that solves its cluster, and explains', async () => {
    const file = join(dir, 'knn.json');
    expect((await run('train', '--router', 'knn', '--data', data, '--out', file, '--options', '{"k":5}')).code).toBe(0);
    const { code, out } = await run('route', '--router', file, '--json', 'python function that sorts a list number 999');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.model).toBe('coder');
    expect(r.explanation.neighbours[0].query).toMatch(/python/);
    expect((await run('route', '--router', file, '--lambda', '1000', 'python function that sorts a list')).out.split('\n')[0]).toBe(
      'mathematician',
    );
  }, 60_000);

  it('names what is wrong with a malformed or incompatible router file', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      '{"format": "llmrouter-web/router", "version": 1, "router": "knn", "options": {}, "models": ["a"], "state": {"costs": {}}}',
    );
    const r1 = await run('route', '--router', bad, 'hello');
    expect(r1.code).toBe(1);
    expect(r1.err).toMatch(/bad\.json: invalid router file state\.costs/);
    writeFileSync(bad, '{"format": "llmrouter-web/router", "version": 2}');
    expect((await run('route', '--router', bad, 'hello')).err).toMatch(/version 2 is not supported/);
    writeFileSync(bad, 'not json');
    expect((await run('route', '--router', bad, 'hello')).err).toMatch(/bad\.json: not JSON/);
    expect((await run('train', '--router', 'knn', '--data', data, '--out', bad, '--options', '{"k":"many"}')).err).toMatch(
      /knn options\.k/,
    );
  }, 60_000);
});

describe('router files record their encoder', () => {
  const tinyBert = join(import.meta.dirname, 'fixtures/tiny-bert');

  it('a router trained with one encoder routes with it and refuses another, naming both', async () => {
    const file = join(dir, 'knn-tiny.json');
    expect((await run('train', '--router', 'knn', '--data', data, '--out', file, '--encoder', tinyBert, '--dtype', 'fp32')).code).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.encoder).toMatchObject({
      id: tinyBert,
      dim: 32,
      pooling: 'cls',
      dtype: 'fp32',
      hash: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    // without --encoder, route opens the encoder the file names
    const routed = await run('route', '--router', file, '--json', 'python function that sorts a list number 999');
    expect(routed.code).toBe(0);
    const refused = await run('route', '--router', file, '--encoder', 'use-lite', 'python function that sorts a list');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`trained with the encoder ${tinyBert} (onnx ${saved.encoder.hash}, 32-d, pooling cls)`);
    expect(refused.err).toMatch(/cannot route with use-lite \(onnx 53ab0e345cdd53f3, 512-d, pooling none\)/);
  }, 60_000);

  it('a router file from before encoder records was trained with the shipped USE-lite', async () => {
    const file = join(dir, 'knn-legacy.json');
    expect((await run('train', '--router', 'knn', '--data', data, '--out', file, '--encoder', tinyBert, '--dtype', 'fp32')).code).toBe(0);
    const legacy = JSON.parse(readFileSync(file, 'utf8'));
    delete legacy.encoder;
    writeFileSync(file, JSON.stringify(legacy));
    const refused = await run('route', '--router', file, '--encoder', tinyBert, '--dtype', 'fp32', 'hello');
    expect(refused.err).toMatch(/trained with the encoder use-lite \(onnx 53ab0e345cdd53f3/);
  }, 60_000);
});

describe('llmrouter simulate', () => {
  it('replays the data as traffic for an online router, cold or warm-started from a router file, and prints the report', async () => {
    const cold = await run('simulate', '--router', 'linucb', '--data', data, '--seed', '3', '--window', '20', '--json');
    expect(cold.err).toBe('');
    const r = JSON.parse(cold.out);
    expect(Object.keys(r)).toEqual(['router', 'seed', 'lambda', 'models', 'stream', 'final_window', 'curve']);
    expect(r.stream.n).toBe(60);
    expect(r.final_window.n).toBe(20);
    expect(r.curve.at(-1)).toMatchObject({ t: 60 });
    const file = join(dir, 'knn-warm.json');
    expect((await run('train', '--router', 'knn', '--data', data, '--out', file)).code).toBe(0);
    const warm = await run('simulate', '--router', 'lin-ts', '--data', data, '--warm-start', file, '--json');
    expect(JSON.parse(warm.out).reference.router).toBe('knn');
    const text = await run('simulate', '--router', 'epsilon-greedy', '--data', data, '--data', data);
    expect(text.out).toMatch(/^epsilon-greedy, seed 1, lambda 0, explored [\d.]+% of calls\nstream: 120 queries/);
  }, 60_000);

  it('refuses routers that do not learn online', async () => {
    const { code, err } = await run('simulate', '--router', 'knn', '--data', data);
    expect(code).toBe(2);
    expect(err).toMatch(/router "knn" does not learn online/);
  });
});
