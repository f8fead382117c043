// A map that keeps only its newest `limit` keys: adding one more forgets the oldest. The keys wait in a ring, so
// forgetting is O(1) at any size; a Map used as its own queue (delete `keys().next()`) is not: V8 leaves a hole
// per deleted entry at the front, and every later `keys().next()` walks over them until the table is rebuilt.
export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();
  /** Keys oldest first from `next` on (grown by push: `new Array(n)` of a large n makes V8 keep a slow dictionary). */
  private readonly ring: K[] = [];
  private next = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Sets the value; a key not yet held becomes the newest, and the oldest is forgotten once `limit` are held. */
  set(key: K, value: V): void {
    if (!this.entries.has(key)) {
      if (this.ring.length < this.limit) this.ring.push(key);
      else {
        this.entries.delete(this.ring[this.next]!);
        this.ring[this.next] = key;
        this.next = (this.next + 1) % this.limit;
      }
    }
    this.entries.set(key, value);
  }
}
