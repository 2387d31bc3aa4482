/**
 * Per-connection memory of LastPass user id → username. LastPass addresses users by username only,
 * so `{ id }` refs are resolved through it (and always verified by a lookup: names change). Bounded,
 * oldest entries dropped first (a tenth of the capacity at a time), so a 100k-user company cannot
 * grow it without limit.
 */
export class IdCache {
  readonly #names = new Map<string, string>();
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#names.size;
  }

  get(id: string): string | undefined {
    return this.#names.get(id);
  }

  remember(id: string, username: string): void {
    this.#names.delete(id);
    this.#names.set(id, username);
    // Evicting one entry per insert would start a Map iterator per insert, each skipping every
    // slot deleted before it (quadratic on a long listing); evicting a tenth at once stays linear.
    if (this.#names.size <= this.#capacity) return;
    let excess = this.#names.size - this.#capacity + Math.floor(this.#capacity / 10);
    for (const id of this.#names.keys()) {
      if (excess-- <= 0) break;
      this.#names.delete(id);
    }
  }

  /**
   * What a listing saw: a known id gets its current name, a new one is kept only while there is
   * room. A listing of a company larger than the cache would otherwise push every user through it,
   * and each entry living some pages before eviction outlives the young generation: measured on
   * 100,000 users, that churn made most of a listing's old-generation garbage and its peak heap.
   */
  offer(id: string, username: string): void {
    const known = this.#names.get(id);
    if (known === undefined ? this.#names.size < this.#capacity : known !== username) {
      this.#names.set(id, username);
    }
  }

  forget(id: string): void {
    this.#names.delete(id);
  }

  clear(): void {
    this.#names.clear();
  }
}
