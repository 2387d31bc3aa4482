import { setTimeout as delay } from 'node:timers/promises';

/**
 * Time as the health engine sees it: when things happen, and waits (a monitor's next round, a
 * quarantined connection's pace). Injectable, so tests run days of schedule in milliseconds.
 */
export interface HealthClock {
  now(): Date;
  /**
   * Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts. `keepAlive`: the
   * wait holds the process open (an operation awaits it), else it never does by itself.
   */
  sleep(ms: number, signal?: AbortSignal, options?: { readonly keepAlive?: boolean }): Promise<void>;
}

/**
 * The real clock. A background loop's wait (a monitor's next round) never keeps a process alive by
 * itself; an operation's wait (a quarantined connection's pace) does, or a command whose only work
 * left is that wait would end with its operation unsettled.
 * Written like the HTTP toolkit's `systemClock`, not imported from it: the main entry must not
 * load the toolkit.
 */
export const systemHealthClock: HealthClock = {
  now: () => new Date(),
  async sleep(ms, signal, options) {
    const ref = options?.keepAlive === true;
    try {
      await delay(Math.max(0, ms), undefined, signal === undefined ? { ref } : { ref, signal });
    } catch (error) {
      if (signal?.aborted === true) throw signal.reason;
      throw error;
    }
  },
};
