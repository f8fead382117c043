// The gateway's routers: each router file of the configuration loaded once, as the engine routes with it
// (core/engine/router.ts), under its configured name, default cost knob and allowed models.
import { engineRouter } from '../core/engine/router.ts';
import type { EngineRouter } from '../core/engine/types.ts';
import { loadRouter } from '../core/routers/registry.ts';
import type { Router } from '../core/routers/router.ts';
import { readText } from '../platform/node/files.ts';
import { openNodeClassifier } from '../platform/node/encoder.ts';
import type { GatewayConfig } from './config.ts';

export interface GatewayRouter {
  name: string;
  router: Router;
  /** The router as the engine uses it, named as configured. */
  engine: EngineRouter;
  lambda: number;
  /** The models it may pick: the configured ones, else every model it estimates. */
  allowed: string[];
}

/** Loads every configured router file; an unreadable one fails the start, naming the router and file. */
export async function loadRouters(config: Pick<GatewayConfig, 'routers'>): Promise<Map<string, GatewayRouter>> {
  const loaded = new Map<string, GatewayRouter>();
  for (const [name, entry] of Object.entries(config.routers)) {
    try {
      const router = loadRouter(JSON.parse(await readText(entry.file)), { openClassifier: openNodeClassifier });
      const allowed = entry.allowed ?? router.toJSON().models;
      loaded.set(name, { name, router, engine: { ...engineRouter(router), name }, lambda: entry.lambda, allowed });
    } catch (e) {
      throw new Error(`routers.${name}: cannot load ${entry.file}: ${(e as Error).message}`);
    }
  }
  return loaded;
}
