import type { HealthClock } from '../health/health-clock.js';

interface Sleeper {
  readonly until: number;
  readonly resolve: () => void;
}

/**
 * A `HealthClock` that moves only when told: `advance(ms)` ends every wait that falls due, so a
 * test runs days of checks and quarantine in milliseconds and asserts on order, never on timing.
 */
export class ManualHealthClock implements HealthClock {
  #now: number;
  readonly #sleepers = new Set<Sleeper>();

  constructor(start: Date | string = '2025-01-06T09:00:00.000Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** Waits currently pending (a test may wait for a waiter before advancing). */
  get pending(): number {
    return this.#sleepers.size;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        until: this.#now + ms,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#sleepers.delete(sleeper);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.add(sleeper);
    });
  }

  /** Moves time on and wakes every wait that is due, earliest first. */
  advance(ms: number): void {
    this.#now += ms;
    const due = [...this.#sleepers].filter((sleeper) => sleeper.until <= this.#now);
    due.sort((a, b) => a.until - b.until);
    for (const sleeper of due) {
      this.#sleepers.delete(sleeper);
      sleeper.resolve();
    }
  }
}
