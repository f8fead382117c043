// The gateway's HTTP app on fastify: OpenAI's endpoints (/v1/chat/completions, /v1/models) and ratings of
// answers (/v1/feedback) behind bearer auth, /health open, /metrics (Prometheus text) behind the same auth,
// OpenAI-shaped errors everywhere.
import Fastify, { type FastifyInstance } from 'fastify';
import { chatCompletions } from './chat-completions.ts';
import { feedback } from './feedback.ts';
import type { Gateway } from './gateway.ts';
import { HttpError } from './http-error.ts';
import { errorBody, modelList } from './openai-shapes.ts';
import { clientIdentifier } from './auth.ts';
import { ROUTER_PREFIX } from './virtual-models.ts';

export interface AppOptions {
  /** Serve without client tokens (a local trial); otherwise a gateway without tokens refuses to start. */
  noAuth?: boolean;
}

const OPEN_ROUTES = new Set(['/health']);

/** The client of a gateway serving without tokens (--no-auth). */
const ANONYMOUS = 'anonymous';

declare module 'fastify' {
  interface FastifyRequest {
    /** The label of the client token that authorized the request (auth.ts). */
    client: string;
  }
}

export function buildApp(gateway: Gateway, options: AppOptions = {}): FastifyInstance {
  if (!options.noAuth && gateway.tokens.size === 0) throw new Error('no client tokens: set client_tokens or client_token_env in the configuration (or serve with --no-auth on a trusted machine)');
  const identify = clientIdentifier(gateway.tokens);
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024, forceCloseConnections: 'idle', return503OnClosing: true });
  app.decorateRequest('client', '');

  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    reply.raw.once('close', () => gateway.metrics.requests.inc({ route, status: reply.raw.writableFinished ? String(reply.raw.statusCode) : 'aborted' }));
    if (OPEN_ROUTES.has(route)) return;
    const client = options.noAuth ? ANONYMOUS : identify(request.headers.authorization);
    if (!client) throw new HttpError(401, 'invalid_request_error', 'invalid_api_key', 'missing or invalid client token: send Authorization: Bearer <token>');
    request.client = client;
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
  return app;
}
