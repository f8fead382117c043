// A bound on the calls one gateway holds at once (running, or waiting for a provider slot): past it a call is
// answered at once with 429 and Retry-After instead of queueing without end, so a burst sheds load rather
// than memory and everyone's latency. A fastify plugin: it bounds the routes registered inside its scope.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './http-error.ts';

export interface AdmissionOptions {
  maxInFlight: number;
  /** What Retry-After says, in seconds. */
  retryAfterS: number;
}

async function bound(app: FastifyInstance, options: AdmissionOptions): Promise<void> {
  let inFlight = 0;
  app.addHook('onRequest', async (_request, reply) => {
    if (inFlight >= options.maxInFlight) {
      reply.header('retry-after', String(options.retryAfterS));
      throw new HttpError(
        429,
        'rate_limit_error',
        'gateway_busy',
        `the gateway holds ${options.maxInFlight} calls already: retry after ${options.retryAfterS} s`,
      );
    }
    inFlight += 1;
    reply.raw.once('close', () => (inFlight -= 1));
  });
}

/** The plugin: its hook applies to the scope that registers it (fastify-plugin lifts it out of its own). */
export const admission = fp(bound, { name: 'llmrouter-admission' });
