// One circuit per provider: after `threshold` failures in a row it opens and calls skip the provider; after
// `cooldownMs` it half-opens and lets one trial call through, which closes it on success or reopens it.

export type CircuitState = 'closed' | 'open' | 'half-open';

/** What the routed caller needs of a breaker: this in-memory one answers at once, a shared one (Redis) later. */
export interface Breaker {
  tryAcquire(provider: string): boolean | Promise<boolean>;
  success(provider: string): void | Promise<void>;
  failure(provider: string): void | Promise<void>;
  release(provider: string): void | Promise<void>;
}

export interface CircuitOptions {
  threshold: number;
  cooldownMs: number;
  now?: () => number;
}

interface Circuit {
  failures: number;
  openedAt?: number;
  trialInFlight: boolean;
}

export class CircuitBreaker implements Breaker {
  private readonly circuits = new Map<string, Circuit>();
  private readonly now: () => number;

  constructor(private readonly options: CircuitOptions = { threshold: 3, cooldownMs: 30_000 }) {
    this.now = options.now ?? Date.now;
  }

  state(provider: string): CircuitState {
    const c = this.circuits.get(provider);
    if (c?.openedAt === undefined) return 'closed';
    return this.now() - c.openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now; in half-open, only the one trial call may. */
  tryAcquire(provider: string): boolean {
    const state = this.state(provider);
    if (state === 'closed') return true;
    const c = this.circuits.get(provider)!;
    if (state === 'open' || c.trialInFlight) return false;
    c.trialInFlight = true;
    return true;
  }

  success(provider: string): void {
    this.circuits.delete(provider);
  }

  failure(provider: string): void {
    const c = this.circuits.get(provider) ?? { failures: 0, trialInFlight: false };
    c.failures += 1;
    c.trialInFlight = false;
    if (c.openedAt !== undefined || c.failures >= this.options.threshold) c.openedAt = this.now();
    this.circuits.set(provider, c);
  }

  /** A call that ended neither way (cancelled, or a failure that says nothing of the provider's health). */
  release(provider: string): void {
    const c = this.circuits.get(provider);
    if (c) c.trialInFlight = false;
  }
}
