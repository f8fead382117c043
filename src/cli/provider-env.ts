// The provider layer as the CLI sets it up: keys from environment variables (<PROVIDER>_API_KEY, e.g.
// OPENAI_API_KEY; several comma-separated keys rotate), base URLs from the provider table unless
// --base-url PROVIDER=URL says otherwise, and one RoutedCaller over them. Shared by chat and route.
import { UsageError } from './usage-error.ts';
import type { FlagValues } from './command.ts';
import type { CatalogModel } from '../core/catalog/model.ts';
import { customProvider, providerDefinition } from '../core/providers/definitions.ts';
import { KeyRing } from '../core/providers/key-ring.ts';
import { RoutedCaller, type FallbackPolicy } from '../core/providers/routed-call.ts';
import type { OutcomeSink } from '../core/providers/outcome.ts';

/** The flags that say how to reach providers. */
export const providerFlags = { 'base-url': { type: 'string', multiple: true } } as const;

/** The environment variables a provider's keys may come from. */
export function keyVariables(provider: string): string[] {
  const base = `${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`;
  return provider === 'google' ? [base, 'GEMINI_API_KEY'] : [base];
}

function baseUrls(values: unknown): Record<string, string> {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return Object.fromEntries(
    list.map((v) => {
      const m = /^([^=]+)=(.+)$/.exec(String(v));
      if (!m) throw new UsageError(`--base-url must be PROVIDER=URL, got "${String(v)}"`);
      return [m[1]!, m[2]!];
    }),
  );
}

function envKeys(provider: string): string[] {
  return keyVariables(provider).flatMap((v) => (process.env[v] ?? '').split(',')).map((k) => k.trim()).filter(Boolean);
}

export interface CliProviders {
  caller: RoutedCaller;
  /** Whether the user set up a model's provider: a key in the environment, or its --base-url. */
  reachable(model: CatalogModel): boolean;
}

export function cliProviders(catalog: readonly CatalogModel[], values: FlagValues, options: { policy?: Partial<FallbackPolicy>; sink?: OutcomeSink } = {}): CliProviders {
  const urls = baseUrls(values['base-url']);
  const providers = [...new Set(catalog.map((m) => m.provider))];
  const keys = new KeyRing(Object.fromEntries(providers.map((p) => [p, envKeys(p)])));
  const setup = (provider: string) => {
    const definition = providerDefinition(provider) ?? customProvider(provider, urls[provider] ?? '');
    return { definition, baseUrl: urls[provider] ?? definition.baseUrl };
  };
  const caller = new RoutedCaller({
    catalog,
    ...options,
    endpoint(provider) {
      const { definition, baseUrl } = setup(provider);
      if (!baseUrl) return undefined;
      const key = keys.next(provider);
      if (definition.keyRequired && !key) {
        process.stderr.write(`[no key for ${provider}: set ${keyVariables(provider).join(' or ')}]\n`);
        return undefined;
      }
      return { provider, wire: definition.wire, baseUrl, key, streamUsage: definition.streamUsage };
    },
  });
  return {
    caller,
    reachable: (model) => envKeys(model.provider).length > 0 || urls[model.provider] !== undefined,
  };
}
