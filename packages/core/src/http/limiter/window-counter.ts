const BUCKET_MS = 100;
const BUCKETS = 10;

/**
 * Counts events over the last second in ten 100 ms buckets: constant memory whatever the request
 * rate, which a list of timestamps would not be.
 */
export class WindowCounter {
  readonly #counts = new Float64Array(BUCKETS);
  readonly #slots = new Float64Array(BUCKETS).fill(-1);

  add(now: number): void {
    const slot = Math.floor(now / BUCKET_MS);
    const index = slot % BUCKETS;
    if (this.#slots[index] !== slot) {
      this.#slots[index] = slot;
      this.#counts[index] = 0;
    }
    this.#counts[index]! += 1;
  }

  /** Events in the last second (the current bucket and the nine before it). */
  lastSecond(now: number): number {
    const current = Math.floor(now / BUCKET_MS);
    let total = 0;
    for (let index = 0; index < BUCKETS; index++) {
      const slot = this.#slots[index]!;
      if (slot > current - BUCKETS && slot <= current) total += this.#counts[index]!;
    }
    return total;
  }
}
