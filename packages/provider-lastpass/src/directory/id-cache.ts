/**
 * Per-connection memory of LastPass user id → username. LastPass addresses users by username only,
 * so `{ id }` refs are resolved through it (and always verified by a lookup: names change). Bounded,
 * oldest entries dropped first, so a 100k-user company cannot grow it without limit.
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
    while (this.#names.size > this.#capacity) {
      const oldest = this.#names.keys().next();
      if (oldest.done === true) break;
      this.#names.delete(oldest.value);
    }
  }

  forget(id: string): void {
    this.#names.delete(id);
  }

  clear(): void {
    this.#names.clear();
  }
}
