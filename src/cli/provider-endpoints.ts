// How CLI verbs that call models reach providers: keys from environment variables (<PROVIDER>_API_KEY, e.g.
// OPENAI_API_KEY; several comma-separated keys rotate), base URLs from the provider table unless
// --base-url PROVIDER=URL says otherwise, any other provider id as a custom OpenAI-compatible server.
import { UsageError } from './usage-error.ts';
import type { CatalogModel } from '../core/catalog/model.ts';
import { customProvider, providerDefinition } from '../core/providers/definitions.ts';
import { KeyRing } from '../core/providers/key-ring.ts';
import type { Endpoint } from '../core/providers/types.ts';

/** The environment variables a provider's keys may come from. */
export function keyVariables(provider: string): string[] {
  const base = `${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`;
  return provider === 'google' ? [base, 'GEMINI_API_KEY'] : [base];
}

/** The --base-url PROVIDER=URL flags as a map. */
export function baseUrls(values: unknown): Record<string, string> {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return Object.fromEntries(
    list.map((v) => {
      const m = /^([^=]+)=(.+)$/.exec(String(v));
      if (!m) throw new UsageError(`--base-url must be PROVIDER=URL, got "${String(v)}"`);
      return [m[1]!, m[2]!];
    }),
  );
}

/** The keys the environment holds for a provider. */
export function envKeys(provider: string): string[] {
  return keyVariables(provider)
    .flatMap((v) => (process.env[v] ?? '').split(','))
    .map((k) => k.trim())
    .filter(Boolean);
}

/** The endpoint (with its next key) of each provider of these models; undefined, with a note on stderr, when unusable. */
export function cliEndpoints(models: readonly CatalogModel[], urls: Record<string, string>): (provider: string) => Endpoint | undefined {
  const keys = new KeyRing(Object.fromEntries(models.map((m) => [m.provider, envKeys(m.provider)])));
  return (provider) => {
    const definition = providerDefinition(provider) ?? customProvider(provider, urls[provider] ?? '');
    const baseUrl = urls[provider] ?? definition.baseUrl;
    if (!baseUrl) return undefined;
    const key = keys.next(provider);
    if (definition.keyRequired && !key) {
      process.stderr.write(`[no key for ${provider}: set ${keyVariables(provider).join(' or ')}]\n`);
      return undefined;
    }
    return { provider, wire: definition.wire, baseUrl, key, streamUsage: definition.streamUsage };
  };
}
