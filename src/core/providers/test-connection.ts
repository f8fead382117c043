// The "test connection" button's call: lists the provider's models, which checks the base URL, the key and
// (in a browser) CORS without spending tokens.
import { listModels } from './client.ts';
import { ProviderError, toProviderError } from './errors.ts';
import type { Endpoint } from './types.ts';

export type ConnectionReport =
  | { ok: true; models: string[]; latencyMs: number }
  | { ok: false; kind: ProviderError['kind']; message: string; latencyMs: number };

export async function testConnection(
  endpoint: Endpoint,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<ConnectionReport> {
  const started = Date.now();
  try {
    const models = await listModels(endpoint, { timeoutMs: options.timeoutMs ?? 10_000, fetch: options.fetch });
    return { ok: true, models, latencyMs: Date.now() - started };
  } catch (e) {
    const error = toProviderError(e, endpoint.provider, [endpoint.key]);
    return { ok: false, kind: error.kind, message: error.message, latencyMs: Date.now() - started };
  }
}
