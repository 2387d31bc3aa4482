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
 * The real clock. Its timers are unref'd: a pending back-off or timeout never keeps a process
 * alive on its own.
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  date: () => Date.now(),
  async sleep(ms, signal) {
    try {
      await delay(Math.max(0, ms), undefined, signal === undefined ? { ref: false } : { ref: false, signal });
    } catch (error) {
      // timers/promises rejects with its own AbortError; callers expect the signal's reason.
      if (signal?.aborted === true) throw signal.reason;
      throw error;
    }
  },
};
