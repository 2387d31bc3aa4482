import { setTimeout as delay } from 'node:timers/promises';

/**
 * Time as the health engine sees it: when things happen, and waits (a monitor's next round, a
 * quarantined connection's pace). Injectable, so tests run days of schedule in milliseconds.
 */
export interface HealthClock {
  now(): Date;
  /** Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock. Its timers are unref'd: a pending wait never keeps a process alive by itself.
 * Written like the HTTP toolkit's `systemClock`, not imported from it: the main entry must not
 * load the toolkit.
 */
export const systemHealthClock: HealthClock = {
  now: () => new Date(),
  async sleep(ms, signal) {
    try {
      await delay(Math.max(0, ms), undefined, signal === undefined ? { ref: false } : { ref: false, signal });
    } catch (error) {
      if (signal?.aborted === true) throw signal.reason;
      throw error;
    }
  },
};
