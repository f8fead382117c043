// Waits between retries: exponential backoff with full jitter, never shorter than the provider's Retry-After.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** The pause before retry number `retry` (0-based). */
export function backoffDelay(retry: number, options: BackoffOptions, retryAfterMs?: number, random: () => number = Math.random): number {
  const jittered = random() * Math.min(options.maxMs, options.baseMs * 2 ** retry);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Resolves after `ms`, or rejects with the signal's AbortError when cancelled first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('cancelled', 'AbortError'));
    const done = () => {
      signal?.removeEventListener('abort', cancel);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const cancel = () => {
      clearTimeout(timer);
      reject(new DOMException('cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', cancel, { once: true });
  });
}
