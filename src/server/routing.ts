// The gateway's routers: each router file of the configuration loaded once, and one routing step per
// request: embed the query when the router needs it, predict, and decide under the cost knob among the
// models the gateway can call.
import { decide, type Decision } from '../core/routers/decide.ts';
import { loadRouter } from '../core/routers/registry.ts';
import type { Explanation, Router, RouterFile } from '../core/routers/router.ts';
import type { CatalogModel } from '../core/catalog/model.ts';
import { DEFAULT_ROUTER, SHIPPED_ROUTERS } from '../core/routers/default-router.ts';
import { encoderOfFile } from '../core/routers/shared/router-encoder.ts';
import { withPriorsFor } from '../core/routers/with-priors.ts';
import { sameEncoder } from '../core/embed/encoder-record.ts';
import { fileURLToPath } from 'node:url';
import type { Embedder } from '../core/embed/embedder.ts';
import { readText } from '../platform/node/files.ts';
import { openNodeClassifier } from '../platform/node/encoder.ts';
import type { GatewayConfig } from './config.ts';

export interface GatewayRouter {
  name: string;
  router: Router;
  lambda: number;
  allowed?: string[];
}

export interface Routed {
  decision: Decision;
  explanation: Explanation;
  lambda: number;
  routingMs: number;
}

/**
 * Loads every configured router file; an unreadable one fails the start, naming the router and file. A trained
 * router that does not know every model it may pick (its `allowed`, else every callable one) is completed by the
 * shipped default router's priors for the rest.
 */
export async function loadRouters(config: Pick<GatewayConfig, 'routers'>, callable: readonly CatalogModel[] = []): Promise<Map<string, GatewayRouter>> {
  const loaded = new Map<string, GatewayRouter>();
  for (const [name, entry] of Object.entries(config.routers)) {
    try {
      const file = JSON.parse(await readText(entry.file)) as RouterFile;
      const wanted = entry.allowed ? callable.filter((m) => entry.allowed!.includes(m.id)) : callable;
      const readsSameVectors = (priors: Router) => sameEncoder(encoderOfFile(file), encoderOfFile(priors.toJSON()));
      const router = await withPriorsFor(loadRouter(file, { openClassifier: openNodeClassifier }), wanted, openDefaultRouter, readsSameVectors);
      loaded.set(name, { name, router, lambda: entry.lambda, ...(entry.allowed ? { allowed: entry.allowed } : {}) });
    } catch (e) {
      throw new Error(`routers.${name}: cannot load ${entry.file}: ${(e as Error).message}`);
    }
  }
  return loaded;
}

/** The shipped default router (public/routers/), not yet pointed at any models. */
async function openDefaultRouter(): Promise<Router> {
  return loadRouter(JSON.parse(await readText(fileURLToPath(new URL(`../../public/${SHIPPED_ROUTERS[DEFAULT_ROUTER]}`, import.meta.url)))));
}

/** Routes one query: `callable` are the models the gateway has a provider for. */
export async function routeQuery(
  target: GatewayRouter,
  query: { text: string; context: string[] },
  lambda: number,
  callable: ReadonlySet<string>,
  embedder: () => Promise<Embedder>,
): Promise<Routed> {
  const started = performance.now();
  const embedding = target.router.needsEmbedding ? (await (await embedder()).embed([query.text]))[0] : undefined;
  const prediction = await target.router.predict({ text: query.text, ...(query.context.length > 0 ? { context: query.context } : {}), ...(embedding ? { embedding } : {}) });
  const allowed = (target.allowed ?? prediction.estimates.map((e) => e.model)).filter((m) => callable.has(m));
  const decision = decide(prediction.estimates, { lambda, allowed });
  return { decision, explanation: prediction.explanation, lambda, routingMs: performance.now() - started };
}
