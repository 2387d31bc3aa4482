import { setTimeout as delay } from 'node:timers/promises';

/**
 * Time as the toolkit sees it. Injectable so the limiter, back-off waits and per-attempt timeouts
 * can run on a virtual clock in tests: nothing in the toolkit reads timers any other way.
 */
export interface Clock {
  /** Monotonic milliseconds (durations, pacing). */
  now(): number;
  /** Wall-clock milliseconds since the epoch (for `Retry-After` HTTP dates). */
  date(): number;
  /** Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock. Its timers keep the process alive, as any awaited work does: a command whose only
 * pending work is a back-off or a rate-limit wait must wait, not exit with its promise unsettled.
 * Every wait that can outlive its purpose (an attempt's timeout, the limiter's wake-up) passes a
 * signal that clears the timer once it is no longer needed.
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  date: () => Date.now(),
  async sleep(ms, signal) {
    try {
      await delay(Math.max(0, ms), undefined, signal === undefined ? undefined : { signal });
    } catch (error) {
      // timers/promises rejects with its own AbortError; callers expect the signal's reason.
      if (signal?.aborted === true) throw signal.reason;
      throw error;
    }
  },
};
