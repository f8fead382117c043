// How the gateway reaches providers: undici's `request` on one keep-alive connection pool per provider origin
// (undici's Agent keeps one Pool per origin), behind the slice of the fetch API the provider client uses
// (status, headers.get, text, body). undici's request skips most of fetch's per-call work (WHATWG
// request/response objects, body mixins), which is most of what a gateway adds to a call.
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';

export interface Upstream {
  fetch: typeof fetch;
  close(): Promise<void>;
}

export function upstream(options: { connectionsPerOrigin?: number; keepAliveMs?: number } = {}): Upstream {
  const agent = new Agent({
    connections: options.connectionsPerOrigin ?? 256,
    keepAliveTimeout: options.keepAliveMs ?? 30_000,
    keepAliveMaxTimeout: 600_000,
  });
  const call = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const reply = await request(String(input), {
      method: (init.method ?? 'GET') as 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body as string | undefined,
      signal: init.signal ?? undefined,
      dispatcher: agent,
    });
    const { statusCode, headers, body } = reply;
    const response = {
      ok: statusCode >= 200 && statusCode < 300,
      status: statusCode,
      headers: { get: (name: string) => headerValue(headers[name.toLowerCase()]) },
      text: () => body.text(),
      json: () => body.json(),
      get body() {
        return Readable.toWeb(body);
      },
    };
    return response as unknown as Response;
  };
  return { fetch: call as typeof fetch, close: () => agent.close() };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
