// The provider table covers every provider the shipped catalog names, with sane base URLs.
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../catalog/catalog.ts';
import { PROVIDERS, providerDefinition, providerOrigins } from './definitions.ts';

describe('the provider table', () => {
  it('has a definition for every provider of the default catalog', () => {
    const missing = [...new Set(defaultCatalog.models.map((m) => m.provider))].filter((p) => !providerDefinition(p));
    expect(missing).toEqual([]);
  });

  it('has unique ids, valid base URLs, https for remote providers and no key for local ones', () => {
    expect(new Set(PROVIDERS.map((p) => p.id)).size).toBe(PROVIDERS.length);
    for (const p of PROVIDERS) {
      const url = new URL(p.baseUrl);
      expect(url.protocol).toBe(p.keyRequired ? 'https:' : 'http:');
    }
    expect(providerOrigins()).not.toContain('http://127.0.0.1:8080');
  });
});
