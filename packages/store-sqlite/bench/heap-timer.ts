/**
 * Peak heap while a variant runs: `heapUsed` sampled on a timer (every `intervalMs`), minus the
 * value after a forced GC at the start. Garbage not yet collected counts, so this is an upper bound
 * of what the variant keeps alive.
 */
export class HeapTimer {
  readonly #baseline: number;
  readonly #timer: NodeJS.Timeout;
  #peak: number;

  constructor(gc: (() => void) | undefined, intervalMs: number) {
    gc?.();
    this.#baseline = process.memoryUsage().heapUsed;
    this.#peak = this.#baseline;
    this.#timer = setInterval(() => this.#sample(), intervalMs);
  }

  /** Stops sampling; returns the peak growth in bytes. */
  stop(): number {
    clearInterval(this.#timer);
    this.#sample();
    return this.#peak - this.#baseline;
  }

  #sample(): void {
    const used = process.memoryUsage().heapUsed;
    if (used > this.#peak) this.#peak = used;
  }
}
