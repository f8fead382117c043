// Every router by the name the CLI and the app use, with what it needs and how to build or load it.
import type { Router, RouterFile } from './router.ts';

export interface RouterEntry {
  /** One line for `llmrouter list-routers` and the app's picker. */
  description: string;
  /** What the router reads: a query embedding, only the text, or calls to a provider. */
  input: 'embedding' | 'text' | 'provider';
  create(options?: Record<string, unknown>): Router;
  load(file: RouterFile): Router;
}

export const routers: Record<string, RouterEntry> = {};

export function routerEntry(name: string): RouterEntry {
  const entry = routers[name];
  if (!entry) throw new Error(`unknown router "${name}"; known routers: ${Object.keys(routers).join(', ') || '(none)'}`);
  return entry;
}
