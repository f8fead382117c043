// The Content-Security-Policy is final from the first byte and holds in workers, tried as an attacker would: no
// `https: http:` wildcard at boot, no port of 127.0.0.1/localhost but one a local provider is configured at, no model
// hub unless the deploy allows hub downloads, and the same policy (with framing forbidden) in every host's headers.
import { describe, expect, it } from 'vitest';
import {
  connectSources,
  connectSourcesOf,
  headerFiles,
  headerPolicy,
  MODEL_HUB_ORIGINS,
  pagePolicy,
  parseOrigins,
  withPageMeta,
} from './csp.ts';

const REMOTE = [
  'https://api.openai.com',
  'https://api.anthropic.com',
  'https://generativelanguage.googleapis.com',
  'https://integrate.api.nvidia.com',
  'https://api.groq.com',
  'https://api.together.xyz',
  'https://api.mistral.ai',
  'https://api.deepseek.com',
  'https://openrouter.ai',
  'https://api.fireworks.ai',
];

describe('the page policy a build fixes', () => {
  it('by default connects to itself and the remote providers only: no wildcard, no local port, no model hub', () => {
    expect(connectSourcesOf(pagePolicy())).toEqual(["'self'", ...REMOTE]);
    for (const loose of ['https:', 'http:', '*', 'http://127.0.0.1:*', 'http://localhost:*', 'https://huggingface.co'])
      expect(connectSourcesOf(pagePolicy())).not.toContain(loose);
  });

  it('admits a local provider only at the exact origin configured, and the hub only while the deploy allows downloads', () => {
    const config = { connectOrigins: parseOrigins('http://127.0.0.1:11434/v1, https://llm.example.com/v1'), modelHub: false };
    expect(connectSources(config)).toEqual(["'self'", ...REMOTE, 'http://127.0.0.1:11434', 'https://llm.example.com']);
    expect(connectSources({ ...config, modelHub: true }).slice(-MODEL_HUB_ORIGINS.length)).toEqual(MODEL_HUB_ORIGINS);
  });

  it('keeps scripts strict and frames to its own origin (the code sandbox page)', () => {
    expect(pagePolicy()).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(pagePolicy()).toContain("worker-src 'self' blob:");
    expect(pagePolicy()).toContain("default-src 'self'");
    expect(pagePolicy()).not.toContain('frame-src');
  });
});

describe('header files for static hosts', () => {
  const config = { connectOrigins: ['http://127.0.0.1:11434'], modelHub: false };
  const files = headerFiles(config);

  it('ship the page policy plus frame-ancestors, and cross-origin isolation, for Netlify/Cloudflare, nginx and Caddy', () => {
    expect(Object.keys(files)).toEqual(['_headers', 'deploy/nginx-headers.conf', 'deploy/caddy-headers.caddyfile']);
    const policy = headerPolicy(config);
    expect(policy).toBe(`${pagePolicy(config)}; frame-ancestors 'none'`);
    expect(files._headers).toContain(
      `/*\n  Content-Security-Policy: ${policy}\n  Cross-Origin-Opener-Policy: same-origin\n  Cross-Origin-Embedder-Policy: require-corp\n`,
    );
    expect(files['deploy/nginx-headers.conf']).toContain(`add_header Content-Security-Policy "${policy}" always;`);
    expect(files['deploy/caddy-headers.caddyfile']).toContain(`\tContent-Security-Policy "${policy}"`);
  });

  it("rewrite the page's <meta> policy in place, refusing a page without one", () => {
    const html = '<head><meta http-equiv="Content-Security-Policy" content="connect-src https: http:"><meta charset="utf-8">';
    expect(withPageMeta(html, pagePolicy())).toBe(
      `<head><meta http-equiv="Content-Security-Policy" content="${pagePolicy()}"><meta charset="utf-8">`,
    );
    expect(() => withPageMeta('<head></head>', pagePolicy())).toThrow(/no Content-Security-Policy <meta>/);
  });
});
