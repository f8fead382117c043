// The provider layer as the CLI sets it up for routed chat and route: one RoutedCaller over the providers the
// user reached (keys from the environment, base URLs from --base-url; provider-endpoints.ts), and which models
// can be called.
import type { FlagValues } from './command.ts';
import { baseUrls, cliEndpoints, envKeys } from './provider-endpoints.ts';
import type { CatalogModel } from '../core/catalog/model.ts';
import { RoutedCaller, type FallbackPolicy } from '../core/providers/routed-call.ts';
import type { OutcomeSink } from '../core/providers/outcome.ts';

/** The flags that say how to reach providers. */
export const providerFlags = { 'base-url': { type: 'string', multiple: true } } as const;

export interface CliProviders {
  caller: RoutedCaller;
  /** Whether the user set up a model's provider: a key in the environment, or its --base-url. */
  reachable(model: CatalogModel): boolean;
}

export function cliProviders(
  catalog: readonly CatalogModel[],
  values: FlagValues,
  options: { policy?: Partial<FallbackPolicy>; sink?: OutcomeSink } = {},
): CliProviders {
  const urls = baseUrls(values['base-url']);
  const caller = new RoutedCaller({ catalog, ...options, endpoint: cliEndpoints(catalog, urls) });
  return {
    caller,
    reachable: (model) => envKeys(model.provider).length > 0 || urls[model.provider] !== undefined,
  };
}
