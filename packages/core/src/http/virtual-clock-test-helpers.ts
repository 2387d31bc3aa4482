import type { Clock } from './clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/** 2030-01-01T00:00:00Z: the wall-clock time at virtual 0. */
const EPOCH = Date.UTC(2030, 0, 1);

/**
 * A clock whose time moves only when `run` advances it to the next timer: a minute of traffic is
 * simulated in milliseconds, and the same inputs always give the same result.
 */
export class VirtualClock implements Clock {
  #now = 0;
  #seq = 0;
  readonly #timers = new Set<Timer>();

  now(): number {
    return this.#now;
  }

  date(): number {
    return EPOCH + this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const timer: Timer = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#timers.delete(timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.add(timer);
    });
  }

  /** Lets every pending promise chain run (one macrotask turn drains the microtask queue). */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Advances timer by timer until `until()` holds or virtual time would pass `limitMs`. */
  async run(until: () => boolean, limitMs: number): Promise<void> {
    for (;;) {
      await this.settle();
      if (until()) return;
      let next: Timer | undefined;
      for (const timer of this.#timers) {
        if (next === undefined || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq))
          next = timer;
      }
      if (next === undefined || next.at > limitMs) return;
      this.#timers.delete(next);
      this.#now = next.at;
      next.resolve();
    }
  }

  /** Runs the clock until `pending` settles (or `limitMs` passes), then returns its outcome. */
  async finish<T>(pending: Promise<T>, limitMs = 3_600_000): Promise<T> {
    let done = false;
    const finished = () => {
      done = true;
    };
    pending.then(finished, finished);
    await this.run(() => done, this.#now + limitMs);
    return pending;
  }

  /** Runs for `ms` of virtual time. */
  advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    return this.run(() => false, end).then(() => {
      this.#now = Math.max(this.#now, end);
    });
  }
}
