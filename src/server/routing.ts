// The gateway's routers: each router file of the configuration loaded once, as the engine routes with it
// (core/engine/router.ts), under its configured name, default cost knob and allowed models.
import { engineRouter } from '../core/engine/router.ts';
import type { EngineRouter } from '../core/engine/types.ts';
import { loadRouter } from '../core/routers/registry.ts';
import type { Router, RouterContext, RouterFile } from '../core/routers/router.ts';
import type { CatalogModel } from '../core/catalog/model.ts';
import { DEFAULT_ROUTER, SHIPPED_ROUTERS } from '../core/routers/default-router.ts';
import { encoderOfFile } from '../core/routers/shared/router-encoder.ts';
import { withPriorsFor } from '../core/routers/with-priors.ts';
import { sameEncoder } from '../core/embed/encoder-record.ts';
import { fileURLToPath } from 'node:url';
import { readText } from '../platform/node/files.ts';
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

/**
 * Loads every configured router file; an unreadable one fails the start, naming the router and file. A trained
 * router that does not know every model it may pick (its `allowed`, else every callable one) is completed by the
 * shipped default router's priors for the rest.
 */
export async function loadRouters(
  config: Pick<GatewayConfig, 'routers'>,
  callable: readonly CatalogModel[] = [],
): Promise<Map<string, GatewayRouter>> {
  const loaded = new Map<string, GatewayRouter>();
  for (const [name, entry] of Object.entries(config.routers)) {
    try {
      const file = JSON.parse(await readText(entry.file)) as RouterFile;
      const wanted = entry.allowed ? callable.filter((m) => entry.allowed!.includes(m.id)) : callable;
      const readsSameVectors = (priors: Router) => sameEncoder(encoderOfFile(file), encoderOfFile(priors.toJSON()));
      const router = await withPriorsFor(loadRouter(file, { openClassifier }), wanted, openDefaultRouter, readsSameVectors);
      const allowed = entry.allowed ?? router.toJSON().models;
      loaded.set(name, { name, router, engine: { ...engineRouter(router), name }, lambda: entry.lambda, allowed });
    } catch (e) {
      throw new Error(`routers.${name}: cannot load ${entry.file}: ${(e as Error).message}`);
    }
  }
  return loaded;
}

/** The bert router's classifier, its runtime (transformers.js, onnxruntime) loaded only when a bert router is configured. */
const openClassifier: NonNullable<RouterContext['openClassifier']> = async (model, options) =>
  (await import('../platform/node/encoder.ts')).openNodeClassifier(model, options);

/** The shipped default router (public/routers/), not yet pointed at any models. */
async function openDefaultRouter(): Promise<Router> {
  return loadRouter(JSON.parse(await readText(fileURLToPath(new URL(`../../public/${SHIPPED_ROUTERS[DEFAULT_ROUTER]}`, import.meta.url)))));
}
