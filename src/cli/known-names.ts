// Names typed on the command line that must be known ones (routers, models): an unknown one is a usage error that
// names the nearest known name (by edit distance) and where the full list is.
import leven from 'leven';
import { UsageError } from './usage-error.ts';
import { routerClass, routers } from '../core/routers/registry.ts';
import type { RouterKind } from '../core/routers/router.ts';

/** The known name closest to `name`: by edit distance, case aside; a known name that `name` begins counts as close as
 * a one-letter typo. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const distance = (k: string) => (k.startsWith(name) ? 1 : leven(name.toLowerCase(), k.toLowerCase()));
  return known.reduce<string | undefined>((best, k) => (best === undefined || distance(k) < distance(best) ? k : best), undefined);
}

/** The usage error for an unknown name: what it is, the nearest known one, and where the rest are listed. */
export function unknownName(what: string, name: string, known: readonly string[], listedBy: string): UsageError {
  const near = nearestName(name, known);
  return new UsageError(`unknown ${what} "${name}"${near === undefined ? '' : `; nearest known: "${near}"`} (${listedBy})`);
}

/** Every name must be known; the first that is not is refused. */
export function requireKnown(what: string, names: readonly string[], known: readonly string[], listedBy: string): void {
  const unknown = names.find((n) => !known.includes(n));
  if (unknown !== undefined) throw unknownName(what, unknown, known, listedBy);
}

/** The router class of a name given by --router; an unknown name is a usage error. */
export function routerByName(name: string): RouterKind {
  requireKnown('router', [name], Object.keys(routers), 'llmrouter list-routers lists them');
  return routerClass(name);
}
