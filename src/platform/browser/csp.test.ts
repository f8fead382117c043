// The Content-Security-Policy lets the app reach only itself, the known providers and local servers.
import { describe, expect, it } from 'vitest';
import { connectSources, contentSecurityPolicy, MODEL_HUB_ORIGINS, parseOrigins } from './csp.ts';

const connectSrc = (csp: string) => csp.split('; ').find((d) => d.startsWith('connect-src '))!.split(' ').slice(1);

describe('contentSecurityPolicy', () => {
  it('lists self, the provider origins, local servers and the model hub in connect-src, and nothing else', () => {
    expect(connectSrc(contentSecurityPolicy())).toEqual([
      "'self'",
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
      ...MODEL_HUB_ORIGINS,
      'http://127.0.0.1:*',
      'http://localhost:*',
    ]);
  });

  it("admits the model hub in the full policy (the encoder worker's), not in the page's connect-src unless added", () => {
    expect(connectSources()).not.toContain('https://huggingface.co');
    expect(connectSources(MODEL_HUB_ORIGINS)).toContain('https://huggingface.co');
  });

  it('adds build-time origins for custom base URLs, reduced to their origin', () => {
    expect(connectSrc(contentSecurityPolicy(parseOrigins(' https://llm.example.com/v1 , http://10.0.0.5:8080')))).toContain('https://llm.example.com');
    expect(contentSecurityPolicy()).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(contentSecurityPolicy()).toContain("worker-src 'self' blob:");
  });
});
