// The one routed caller of the app: every chat call goes through it, so the circuit breaker and the spending
// guard see all of them. Spending is read from the learning log (each record holds its whole call's cost).
import type { CatalogModel } from '../../core/catalog/model.ts';
import { CircuitBreaker } from '../../core/providers/circuit-breaker.ts';
import { RoutedCaller } from '../../core/providers/routed-call.ts';
import { SpendingGuard } from '../../core/providers/spending-guard.ts';
import { idbOutcomes } from '../../platform/browser/outcome-store.ts';
import { usePreferences } from './preferences.ts';
import { useProviders } from './providers.ts';

const breaker = new CircuitBreaker();
const guard = new SpendingGuard({}, idbOutcomes);

export function routedCaller(catalog: readonly CatalogModel[]): RoutedCaller {
  guard.budget = usePreferences.getState().budget;
  return new RoutedCaller({ catalog, endpoint: (provider) => useProviders.getState().endpoint(provider), breaker, guard });
}

/** USD spent since the start of today and of this month (local time). */
export async function spending(now = new Date()): Promise<{ today: number; month: number }> {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const month = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
  const end = now.getTime() + 1;
  const [today, thisMonth] = await Promise.all([idbOutcomes.spent(day, end), idbOutcomes.spent(month, end)]);
  return { today, month: thisMonth };
}
