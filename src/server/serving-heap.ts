// How `llmrouter serve` lets V8's heap grow. After each full collection V8 lets the old generation grow to up to
// 4x what survived when collecting looks cheap, which it does under a gateway's load: ~30 MB of live objects
// (recent calls kept for feedback, call owners, loaded routers) sat in 105-145 MB of old space filled with the
// garbage of calls promoted while in flight, so RSS rose over a soak. Capped at 1.5x the heap stays near 85 MB at
// the price of more frequent full collections (on loopback, 18 instead of 2 over 20,000 calls). The flag is
// process-wide, set by the process owner (the serve command) rather than by startGateway, which tests and benches
// also run inside processes of their own; V8 reads it at every collection, so setting it after start-up works.
import { setFlagsFromString } from 'node:v8';

/** How far past what the last full collection kept the old generation may grow, in percent. */
export const HEAP_GROWING_PERCENT = 50;

export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  if (!Number.isInteger(percent) || percent < 1) throw new RangeError(`percent must be a positive integer, got ${percent}`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
