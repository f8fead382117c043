// The gateway's configuration: YAML or JSON, paths resolved against the file, errors naming the field;
// the model names that pick a router and its cost knob.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromEnv, loadConfig, parseConfig } from '../../src/server/config.ts';
import { parseModelName } from '../../src/server/virtual-models.ts';
import { tempDir } from '../helpers/gateway-fixture.ts';

describe('the configuration file', () => {
  it('reads YAML, resolves router, catalog and log paths against its folder, and fills defaults', async () => {
    const dir = tempDir();
    const file = join(dir, 'gateway.yaml');
    writeFileSync(
      file,
      [
        'routers:',
        '  knn: { file: routers/knn.json, lambda: 0.2 }',
        'api_keys:',
        '  openai: [sk-a, sk-b]',
        'client_tokens: [client-token-1]',
        'log: calls.jsonl',
        'budgets: { daily_usd: 5 }',
      ].join('\n'),
    );
    const config = await loadConfig(file);
    expect(config.routers.knn).toEqual({ file: join(dir, 'routers/knn.json'), lambda: 0.2 });
    expect(config.log).toBe(join(dir, 'calls.jsonl'));
    expect(config.api_keys.openai).toEqual(['sk-a', 'sk-b']);
    expect(config.policy).toMatchObject({ retries: 1, mid_stream: 'resume' });
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8080, max_in_flight: 1024, log_level: 'warn' });
  });

  it.each([
    [{ routers: { knn: {} } }, 'routers.knn.file'],
    [{ providers: { openai: { base_url: 'not a url' } } }, 'providers.openai.base_url'],
    [{ budgets: { daily_usd: -1 } }, 'budgets.daily_usd'],
    [{ api_keys: { openai: 'sk-one' } }, 'api_keys.openai'],
    [{ client_tokens: ['short'] }, 'client_tokens.0'],
    [{ models: [{ id: 'm', provider: 'p' }] }, 'models.0.api_model'],
    [{ rotuers: {} }, '(top level)'],
  ])('refuses %j naming %s', (value, field) => {
    expect(() => parseConfig(value, 'gateway.yaml')).toThrow(`gateway.yaml: field "${field}"`);
  });

  it('takes keys and tokens from environment variables, comma-separated', () => {
    expect(fromEnv(['A', 'B', 'NONE'], { A: 'k1, k2', B: 'k3' })).toEqual(['k1', 'k2', 'k3']);
  });
});

describe('model names', () => {
  it('pick a router, with or without its cost knob, or name a model', () => {
    expect(parseModelName('router-knn')).toEqual({ kind: 'router', router: 'knn' });
    expect(parseModelName('router-knn:0.3')).toEqual({ kind: 'router', router: 'knn', lambda: 0.3 });
    expect(parseModelName('gpt-4o')).toEqual({ kind: 'direct', model: 'gpt-4o' });
    expect(() => parseModelName('router-knn:-1')).toThrow(/cost knob/);
  });
});
