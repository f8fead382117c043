// Several keys per provider, used round-robin (LLMRouter takes a dictionary of key lists per service), so
// load and rate limits spread over them and a retry goes out under the next key.

export class KeyRing {
  private readonly turn = new Map<string, number>();

  constructor(private keys: Record<string, readonly string[]> = {}) {}

  /** Replaces one provider's keys (an empty list removes them). */
  set(provider: string, keys: readonly string[]): void {
    this.keys = { ...this.keys, [provider]: keys.filter((k) => k.length > 0) };
    this.turn.delete(provider);
  }

  /** The provider's next key in turn; undefined when it has none. */
  next(provider: string): string | undefined {
    const keys = this.keys[provider] ?? [];
    if (keys.length === 0) return undefined;
    const i = this.turn.get(provider) ?? 0;
    this.turn.set(provider, (i + 1) % keys.length);
    return keys[i];
  }

  count(provider: string): number {
    return this.keys[provider]?.length ?? 0;
  }

  /** Every key held, so error texts can be scrubbed of any of them. */
  all(): string[] {
    return Object.values(this.keys).flat();
  }
}
