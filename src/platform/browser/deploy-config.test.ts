// The deploy config names plain http(s) origins only, and re-stamping a built site rewrites its policy everywhere.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeployConfig } from './deploy-config.ts';
import { headerPolicy, pagePolicy } from './csp.ts';
import { siteConfig, stampSite } from '../node/deploy-stamp.ts';

describe('llmrouter.config.json', () => {
  it('reduces each entry to its origin; hub downloads are off unless it says so', () => {
    expect(parseDeployConfig({ connectOrigins: ['https://llm.example.com/v1', 'http://10.0.0.5:8080'] })).toEqual({
      connectOrigins: ['https://llm.example.com', 'http://10.0.0.5:8080'],
      modelHub: false,
    });
    expect(parseDeployConfig({ connectOrigins: [], modelHub: true }).modelHub).toBe(true);
  });

  it.each([['https://*.example.com'], ['http://127.0.0.1:*'], ['javascript:alert(1)'], ['llm.example.com'], ['data:text/plain,x']])(
    'refuses %s, naming it',
    (entry) => {
      expect(() => parseDeployConfig({ connectOrigins: [entry] })).toThrow(`"${entry}" is not an http(s) origin`);
    },
  );

  it('refuses other shapes and unknown fields', () => {
    expect(() => parseDeployConfig({ connectOrigins: 'https://x.example.com' })).toThrow('expected {"connectOrigins"');
    expect(() => parseDeployConfig({ connectOrigins: [], scriptOrigins: ['https://x.example.com'] })).toThrow('expected {"connectOrigins"');
  });
});

describe('re-stamping a built site', () => {
  it("rewrites index.html's policy, the header files and the service worker's revision of index.html from the site's config", () => {
    const dir = mkdtempSync(join(tmpdir(), 'llmrouter-stamp-'));
    writeFileSync(join(dir, 'index.html'), `<head><meta http-equiv="Content-Security-Policy" content="${pagePolicy()}"></head>`);
    writeFileSync(join(dir, 'sw.js'), 'e.precacheAndRoute([{url:"index.html",revision:"0000"},{url:"a.js",revision:"1111"}])');
    writeFileSync(join(dir, 'llmrouter.config.json'), '{"connectOrigins": ["https://llm.example.com"]}');
    const config = siteConfig(dir, { connectOrigins: ['http://127.0.0.1:11434'] });
    stampSite(dir, config);
    expect(JSON.parse(readFileSync(join(dir, 'llmrouter.config.json'), 'utf8'))).toEqual({
      connectOrigins: ['https://llm.example.com', 'http://127.0.0.1:11434'],
      modelHub: false,
    });
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(`content="${pagePolicy(config)}"`);
    expect(pagePolicy(config)).toContain('https://llm.example.com http://127.0.0.1:11434');
    expect(readFileSync(join(dir, '_headers'), 'utf8')).toContain(headerPolicy(config));
    expect(readFileSync(join(dir, 'deploy/nginx-headers.conf'), 'utf8')).toContain(headerPolicy(config));
    expect(readFileSync(join(dir, 'sw.js'), 'utf8')).toMatch(/url:"index\.html",revision:"[0-9a-f]{32}"\},\{url:"a\.js",revision:"1111"\}/);
  });
});
