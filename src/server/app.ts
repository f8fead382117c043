// The gateway's HTTP app on fastify: OpenAI's endpoints (/v1/chat/completions, /v1/models), ratings of
// answers (/v1/feedback) and the savings summary (/v1/usage) behind bearer auth, /health open, /metrics (Prometheus text) behind the same auth,
// OpenAI-shaped errors everywhere.
import Fastify, { type FastifyInstance } from 'fastify';
import { chatCompletions } from './chat-completions.ts';
import { feedback } from './feedback.ts';
import { usage } from './usage.ts';
import type { Gateway } from './gateway.ts';
import { HttpError } from './http-error.ts';
import { errorBody, modelList } from './openai-shapes.ts';
import { tokenChecker } from './auth.ts';
import { ROUTER_PREFIX } from './virtual-models.ts';

export interface AppOptions {
  /** Serve without client tokens (a local trial); otherwise a gateway without tokens refuses to start. */
  noAuth?: boolean;
}

const OPEN_ROUTES = new Set(['/health']);

export function buildApp(gateway: Gateway, options: AppOptions = {}): FastifyInstance {
  if (!options.noAuth && gateway.tokens.size === 0) throw new Error('no client tokens: set client_tokens or client_token_env in the configuration (or serve with --no-auth on a trusted machine)');
  const authorized = tokenChecker(gateway.tokens);
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024, forceCloseConnections: 'idle', return503OnClosing: true });

  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    reply.raw.once('close', () => gateway.metrics.requests.inc({ route, status: reply.raw.writableFinished ? String(reply.raw.statusCode) : 'aborted' }));
    if (options.noAuth || OPEN_ROUTES.has(route)) return;
    if (!authorized(request.headers.authorization)) {
      throw new HttpError(401, 'invalid_request_error', 'invalid_api_key', 'missing or invalid client token: send Authorization: Bearer <token>');
    }
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HttpError) return reply.status(error.status).send(error.body);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const message = status < 500 ? (error as Error).message : 'internal error in the gateway';
    return reply.status(status).send(errorBody(message, status < 500 ? 'invalid_request_error' : 'api_error'));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody(`no route ${request.method} ${request.url}`, 'invalid_request_error', 'not_found')));

  app.get('/health', async () => ({ status: 'ok', routers: [...gateway.routers.keys()], models: gateway.callable.size }));

  app.get('/metrics', async (_request, reply) => reply.type(gateway.metrics.registry.contentType).send(await gateway.metrics.registry.metrics()));

  app.get('/v1/models', async () =>
    modelList([
      ...[...gateway.routers.keys()].map((name) => ({ id: `${ROUTER_PREFIX}${name}`, owned_by: 'llmrouter' })),
      ...gateway.catalog.models.filter((m) => gateway.callable.has(m.id)).map((m) => ({ id: m.id, owned_by: m.provider })),
    ]),
  );

  app.post('/v1/chat/completions', (request, reply) => gateway.track(chatCompletions(gateway, request, reply)));

  app.post('/v1/feedback', (request) => feedback(gateway, request));

  app.get('/v1/usage', (request) => usage(gateway, request));
  return app;
}
