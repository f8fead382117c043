// Runs the real `llmrouter chat` against the provider test server: a streamed answer, a fallback noted on
// stderr, attempts and the outcome record logged as JSONL without the key, a failure naming every attempt, and a clear
// error when no key is set.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server/server.ts';
import { catalogModel } from './helpers/catalog-model.ts';
import { runCli, testServerUrls } from './helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'llmrouter-chat-'));
const catalogFile = join(dir, 'catalog.json');
const KEY = 'sk-cli-secret-24680';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  writeFileSync(
    catalogFile,
    JSON.stringify({ models: [catalogModel('small', 'openai', 'echo-small'), catalogModel('large', 'anthropic', 'echo-large')] }),
  );
});
afterAll(() => server.close());
beforeEach(() => server.faults.set([]));

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(['chat', '--catalog', catalogFile, ...testServerUrls(server.url, 'openai', 'anthropic'), ...args], {
    env: { ...process.env, OPENAI_API_KEY: KEY, ANTHROPIC_API_KEY: KEY, ...env },
  });

describe('llmrouter chat', () => {
  it('streams the answer to stdout', async () => {
    const { code, stdout } = await cli(['--model', 'small', 'hello cli']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Echo from echo-small: hello cli');
  });

  it('falls back on a 500, says so on stderr, and logs the attempts and the outcome record without the key', async () => {
    server.faults.set([{ wire: 'openai', fault: '500' }]);
    const log = join(dir, 'outcomes.jsonl');
    const { code, stdout, stderr } = await cli(['--model', 'small', '--fallback', 'large', '--log', log, 'hello again']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Echo from echo-large: hello again');
    expect(stderr).toContain('[falling back from small to large]');
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const [record, ...more] = lines.filter((o) => o.type === 'routed-call');
    expect(more).toEqual([]);
    expect(lines.filter((o) => o !== record).map((o) => `${o.model}:${o.kind}`)).toEqual(['small:server', 'small:server', 'large:ok']);
    expect(record).toMatchObject({ router: 'direct', chosen: 'small', forced: true, answeredBy: 'large', query: 'hello again' });
    expect(record.path.map((p: { kind: string }) => p.kind)).toEqual(['server', 'server', 'ok']);
    expect(readFileSync(log, 'utf8')).not.toContain(KEY);
  });

  it('fails with status 1 naming every attempt when every model fails', async () => {
    server.faults.set([{ fault: '500' }]);
    const { code, stderr } = await cli(['--model', 'small', '--fallback', 'large', 'hello']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/4 attempts failed: small: server: openai: HTTP 500.*; large: server: anthropic: HTTP 500/);
  });

  it('fails with status 1 naming the variable when no key is set', async () => {
    const { code, stderr } = await cli(['--model', 'small', 'hi'], { OPENAI_API_KEY: '' });
    expect(code).toBe(1);
    expect(stderr).toContain('set OPENAI_API_KEY');
  });

  it('rejects an unknown model as a usage error', async () => {
    const { code, stderr } = await cli(['--model', 'nope', 'hi']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown model in --model "nope"; nearest known');
  });
});
