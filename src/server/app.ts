// The gateway's HTTP app on fastify: /health open; behind bearer auth (@fastify/bearer-auth, in an encapsulated
// scope), OpenAI's endpoints (/v1/chat/completions under the admission bound, /v1/models), ratings of answers
// (/v1/feedback), the savings summary (/v1/usage) and /metrics (Prometheus text); OpenAI-shaped errors everywhere;
// pino as the logger.
import bearerAuth from '@fastify/bearer-auth';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { admission } from './admission.ts';
import { clientIdentifier } from './auth.ts';
import { chatCompletions } from './chat-completions.ts';
import { feedback } from './feedback.ts';
import { usage } from './usage.ts';
import type { Gateway } from './gateway.ts';
import { HttpError } from './http-error.ts';
import { errorBody, modelList } from './openai-shapes.ts';
import { ROUTER_PREFIX } from './virtual-models.ts';

export interface AppOptions {
  /** Serve without client tokens (a local trial); otherwise a gateway without tokens refuses to start. */
  noAuth?: boolean;
}

/** The client of a gateway serving without tokens (--no-auth). */
const ANONYMOUS = 'anonymous';

declare module 'fastify' {
  interface FastifyRequest {
    /** The label of the client token that authorized the request (auth.ts). */
    client: string;
  }
}

const unauthorized = new HttpError(
  401,
  'invalid_request_error',
  'invalid_api_key',
  'missing or invalid client token: send Authorization: Bearer <token>',
);

export function buildApp(gateway: Gateway, options: AppOptions = {}): FastifyInstance {
  if (!options.noAuth && gateway.tokens.size === 0)
    throw new Error(
      'no client tokens: set client_tokens or client_token_env in the configuration (or serve with --no-auth on a trusted machine)',
    );
  const { server } = gateway.config;
  const app = Fastify({
    logger: { level: server.log_level },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 8 * 1024 * 1024,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // fastify's 10 s default is for plugins that forget to finish; on a loaded 2-core machine a slow start is not that.
    pluginTimeout: 60_000,
  });
  app.decorateRequest('client', '');

  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    reply.raw.once('close', () =>
      gateway.metrics.requests.inc({ route, status: reply.raw.writableFinished ? String(reply.raw.statusCode) : 'aborted' }),
    );
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.status).send(error.body);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error(error);
    const message = status < 500 ? (error as Error).message : 'internal error in the gateway';
    return reply.status(status).send(errorBody(message, status < 500 ? 'invalid_request_error' : 'api_error'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(`no route ${request.method} ${request.url}`, 'invalid_request_error', 'not_found')),
  );

  app.get('/health', async () => ({ status: 'ok', routers: [...gateway.routers.keys()], models: gateway.callable.size }));
  app.register(async (api) => {
    if (options.noAuth) api.addHook('onRequest', async (request) => void (request.client = ANONYMOUS));
    else
      await api.register(bearerAuth, {
        keys: [],
        specCompliance: 'rfc6749',
        verifyErrorLogLevel: 'debug',
        auth: authorize(gateway.tokens),
        errorResponse: () => unauthorized.body as never,
      });
    api.get('/metrics', async (_request, reply) =>
      reply.type(gateway.metrics.registry.contentType).send(await gateway.metrics.registry.metrics()),
    );
    api.get('/v1/models', async () => modelList(models(gateway)));
    api.post('/v1/feedback', (request) => feedback(gateway, request));
    api.get('/v1/usage', (request) => usage(gateway, request));
    api.register(async (bounded) => {
      await bounded.register(admission, { maxInFlight: server.max_in_flight, retryAfterS: 1 });
      bounded.post('/v1/chat/completions', (request, reply) => gateway.track(chatCompletions(gateway, request, reply)));
    });
  });
  app.addHook('preClose', async () => {
    await gateway.drained();
    // What is left are idle keep-alive connections: nothing to wait for.
    app.server.closeAllConnections();
  });
  app.addHook('onClose', () => gateway.close());
  return app;
}

/** bearer-auth's check: a configured token's client label goes on the request. */
function authorize(tokens: Iterable<string>) {
  const identify = clientIdentifier(tokens);
  return (key: string, request: { client: string }): boolean => {
    const client = identify(key);
    if (client) request.client = client;
    return client !== undefined;
  };
}

function models(gateway: Gateway) {
  return [
    ...[...gateway.routers.keys()].map((name) => ({ id: `${ROUTER_PREFIX}${name}`, owned_by: 'llmrouter' })),
    ...gateway.callableModels.map((m) => ({ id: m.id, owned_by: m.provider })),
  ];
}
