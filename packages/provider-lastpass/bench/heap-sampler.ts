/**
 * Heap growth during a run: `heapUsed` after a forced GC is the baseline, then samples taken while
 * the run works; growth is the largest sample minus the baseline. Without a GC function the
 * baseline is whatever the heap holds at start (garbage included), so growth reads lower.
 */
export class HeapSampler {
  readonly #baseline: number;
  #peak: number;

  constructor(gc: (() => void) | undefined) {
    gc?.();
    this.#baseline = process.memoryUsage().heapUsed;
    this.#peak = this.#baseline;
  }

  sample(): void {
    const used = process.memoryUsage().heapUsed;
    if (used > this.#peak) this.#peak = used;
  }

  get growthBytes(): number {
    return this.#peak - this.#baseline;
  }
}
