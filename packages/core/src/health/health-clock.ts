import { systemClock } from '../http/clock.js';

/**
 * Time as the health engine sees it: when things happen, and waits (a monitor's next round, a
 * quarantined connection's pace). Injectable, so tests run days of schedule in milliseconds.
 */
export interface HealthClock {
  now(): Date;
  /** Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. Its timers are unref'd: a pending wait never keeps a process alive by itself. */
export const systemHealthClock: HealthClock = {
  now: () => new Date(),
  // The HTTP clock's sleep: the same unref'd timer, rejecting with the signal's reason.
  sleep: (ms, signal) => systemClock.sleep(ms, signal),
};
