// One error type for every provider failure: a kind the fallback logic can act on, a message safe to show
// (never the key), and the provider's Retry-After when it sent one.

export type ErrorKind =
  | 'auth'
  | 'rate_limit'
  | 'context_length'
  | 'content_filter'
  | 'bad_request'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cors'
  | 'stream_cut'
  | 'malformed'
  | 'aborted'
  | 'circuit_open'
  | 'budget';

/** Failures worth trying again on the same model after a pause. */
const RETRYABLE = new Set<ErrorKind>(['rate_limit', 'server', 'network', 'timeout', 'stream_cut', 'malformed']);
/** Failures another model cannot fix: the user's own doing. */
const FINAL = new Set<ErrorKind>(['aborted', 'budget']);

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: { provider?: string; status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
  /** Whether the next model of the fallback chain may succeed where this one failed. */
  get canFallBack(): boolean {
    return !FINAL.has(this.kind);
  }
}

/** Removes every key from a text: providers echo keys in auth errors, and URLs or bodies may carry them. */
export function redact(text: string, keys: readonly (string | undefined)[]): string {
  let out = text;
  for (const key of keys) if (key && key.length >= 4) out = out.split(key).join('[key redacted]');
  return out;
}

/** Retry-After as milliseconds: seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The kind an HTTP status means when the body says nothing more specific. */
export function kindOfStatus(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limit';
  if (status === 408) return 'timeout';
  if (status === 413) return 'context_length';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Normalises whatever fetch or a stream threw into a ProviderError, with the key removed. */
export function toProviderError(error: unknown, provider: string, keys: readonly (string | undefined)[]): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = error as Error;
  const message = redact(e?.message ?? String(error), keys);
  if (e?.name === 'AbortError') return new ProviderError('aborted', `${provider}: call cancelled`, { provider });
  if (e?.name === 'TimeoutError') return new ProviderError('timeout', `${provider}: ${message}`, { provider });
  return new ProviderError('network', `${provider}: network error: ${message}`, { provider });
}
