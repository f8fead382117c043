// The deploy config names plain http(s) origins only, and a missing or broken file adds none.
import { describe, expect, it } from 'vitest';
import { parseDeployConfig, readDeployConfig } from './deploy-config.ts';
import { bootPolicy, connectDirective, headerPolicy } from './csp.ts';

describe('llmrouter.config.json', () => {
  it('reduces each entry to its origin', () => {
    expect(parseDeployConfig({ connectOrigins: ['https://llm.example.com/v1', 'http://10.0.0.5:8080'] })).toEqual(['https://llm.example.com', 'http://10.0.0.5:8080']);
  });

  it.each([['https://*.example.com'], ['javascript:alert(1)'], ['llm.example.com'], ['data:text/plain,x']])('refuses %s, naming it', (entry) => {
    expect(() => parseDeployConfig({ connectOrigins: [entry] })).toThrow(`"${entry}" is not an http(s) origin`);
  });

  it('refuses other shapes and unknown fields', () => {
    expect(() => parseDeployConfig({ connectOrigins: 'https://x.example.com' })).toThrow('expected {"connectOrigins"');
    expect(() => parseDeployConfig({ connectOrigins: [], scriptOrigins: ['https://x.example.com'] })).toThrow('expected {"connectOrigins"');
  });

  it('adds no origin when the file is missing or broken', async () => {
    const served = (status: number, body: string) => (async () => new Response(body, { status })) as unknown as typeof fetch;
    expect(await readDeployConfig('https://app.example.com/', served(404, ''))).toEqual({ origins: [], problem: 'llmrouter.config.json: HTTP 404' });
    expect((await readDeployConfig('https://app.example.com/', served(200, '{"connectOrigins": ["*"]}'))).origins).toEqual([]);
    expect(await readDeployConfig('https://app.example.com/', served(200, '{"connectOrigins": ["https://llm.example.com"]}'))).toEqual({ origins: ['https://llm.example.com'] });
  });
});

describe('the policies built from it', () => {
  it('boot policy keeps scripts strict and leaves connections to the connect-src added at start', () => {
    expect(bootPolicy()).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(bootPolicy()).toContain("connect-src 'self' https: http:");
    expect(connectDirective(['https://llm.example.com'])).toMatch(/^connect-src 'self' .*https:\/\/llm\.example\.com/);
    expect(connectDirective()).not.toContain('llm.example.com');
  });

  it('the header forbids framing', () => {
    expect(headerPolicy()).toMatch(/; frame-ancestors 'none'$/);
  });
});
