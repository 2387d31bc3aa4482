import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../testing/virtual-clock.js';
import { AdaptiveLimiter } from './adaptive-limiter.js';
import { LimiterSettings, type LimiterSettingsInput } from './limiter-settings.js';
import type { LimiterPermit } from './limiter-state.js';

function limiterWith(input: LimiterSettingsInput = {}) {
  const clock = new VirtualClock();
  return { clock, limiter: new AdaptiveLimiter(LimiterSettings.parse(input), clock, 'test') };
}

describe('AdaptiveLimiter', () => {
  describe('.acquire', () => {
    it('never lets more than maxConcurrent requests run', async () => {
      const { clock, limiter } = limiterWith({ maxConcurrent: 3 });
      const permits: LimiterPermit[] = [];
      for (let index = 0; index < 5; index++) void limiter.acquire().then((permit) => permits.push(permit));
      await clock.settle();
      expect(permits).toHaveLength(3);
      expect(limiter.state).toMatchObject({ inFlight: 3, queued: 2 });
      permits[0]!.release({ throttled: false });
      await clock.settle();
      expect(permits).toHaveLength(4);
    });

    it('serves waiters in the order they came', async () => {
      const { clock, limiter } = limiterWith({ maxConcurrent: 1 });
      const order: number[] = [];
      const first = await limiter.acquire();
      const waiting = [1, 2, 3].map((index) =>
        limiter.acquire().then((permit) => {
          order.push(index);
          permit.release({ throttled: false });
        }),
      );
      first.release({ throttled: false });
      await clock.settle();
      await Promise.all(waiting);
      expect(order).toEqual([1, 2, 3]);
    });

    it('drops a waiter whose signal aborts with cancelled, and refuses an aborted signal at once', async () => {
      const { clock, limiter } = limiterWith({ maxConcurrent: 1 });
      const held = await limiter.acquire();
      const controller = new AbortController();
      const waiting = limiter.acquire(controller.signal);
      controller.abort(new Error('stop'));
      await expect(waiting).rejects.toMatchObject({ code: 'cancelled', provider: 'test' });
      expect(limiter.state.queued).toBe(0);
      await expect(limiter.acquire(AbortSignal.abort())).rejects.toMatchObject({ code: 'cancelled' });
      held.release({ throttled: false });
      await clock.settle();
      expect(limiter.state.inFlight).toBe(0);
    });

    it('spaces starts by the host cap when adaptation is off', async () => {
      const { clock, limiter } = limiterWith({ maxRequestsPerSecond: 4, adaptive: false });
      const startedAt: number[] = [];
      for (let index = 0; index < 6; index++) {
        void limiter.acquire().then((permit) => {
          startedAt.push(clock.now());
          permit.release({ throttled: true });
        });
      }
      await clock.run(() => startedAt.length === 6, 10_000);
      expect(startedAt).toEqual([0, 250, 500, 750, 1000, 1250]);
      expect(limiter.state.rate).toBe(4);
    });

    it('ignores a second release of the same permit', async () => {
      const { limiter } = limiterWith({ maxConcurrent: 2 });
      const permit = await limiter.acquire();
      await limiter.acquire();
      permit.release({ throttled: false });
      permit.release({ throttled: false });
      expect(limiter.state.inFlight).toBe(1);
    });
  });

  describe('.state', () => {
    it('starts unpaced, then sets a rate under what the server accepted at the first throttle', async () => {
      const { clock, limiter } = limiterWith({ maxConcurrent: 2 });
      expect(limiter.state.rate).toBeNull();
      for (let index = 0; index < 10; index++) (await limiter.acquire()).release({ throttled: false });
      (await limiter.acquire()).release({ throttled: true });
      await clock.settle();
      expect(limiter.state).toMatchObject({ rate: 8, throttled: 1, decreases: 1, started: 11 });
    });

    it('sets no rate on a throttle without evidence of what the server accepts', async () => {
      const { limiter } = limiterWith();
      (await limiter.acquire()).release({ throttled: true });
      expect(limiter.state).toMatchObject({ rate: null, throttled: 1, decreases: 0 });
    });

    it('takes further throttles within a second of a decrease as the same overload', async () => {
      const { clock, limiter } = limiterWith();
      for (let index = 0; index < 10; index++) (await limiter.acquire()).release({ throttled: false });
      (await limiter.acquire()).release({ throttled: true });
      await clock.advance(500);
      (await limiter.acquire()).release({ throttled: true });
      expect(limiter.state).toMatchObject({ throttled: 2, decreases: 1 });
    });

    it('pauses everyone for Retry-After when the server accepts nothing at all', async () => {
      const { clock, limiter } = limiterWith();
      (await limiter.acquire()).release({ throttled: true, retryAfterMs: 5000 });
      expect(limiter.state.pausedForMs).toBe(5000);
      let started = false;
      void limiter.acquire().then(() => {
        started = true;
      });
      await clock.advance(4999);
      expect(started).toBe(false);
      await clock.advance(1);
      expect(started).toBe(true);
    });

    it('never pauses longer than maxPauseMs', async () => {
      const { limiter } = limiterWith({ maxPauseMs: 2000 });
      (await limiter.acquire()).release({ throttled: true, retryAfterMs: Number.POSITIVE_INFINITY });
      expect(limiter.state.pausedForMs).toBe(2000);
    });

    it('grows the rate only while the rate is what holds requests back, and never above the cap', async () => {
      const { clock, limiter } = limiterWith({ maxConcurrent: 1, maxRequestsPerSecond: 10 });
      let stop = false;
      const loop = async () => {
        while (!stop) (await limiter.acquire()).release({ throttled: false });
      };
      const warmUp = loop();
      await clock.advance(2000);
      stop = true;
      const throttled = limiter.acquire().then((permit) => permit.release({ throttled: true }));
      await clock.advance(1000);
      await Promise.all([warmUp, throttled]);
      const lowered = limiter.state.rate!;
      expect(lowered).toBeCloseTo(0.8 * 9);
      await clock.advance(60_000);
      expect(limiter.state.rate).toBe(lowered);
      stop = false;
      const busy = loop();
      await clock.advance(20_000);
      stop = true;
      await clock.advance(1000);
      await busy;
      expect(limiter.state.rate).toBe(10);
    });
  });
});

describe('AdaptiveLimiter wake-up timer', () => {
  // The wake-up timer holds a process open (a command waiting for its turn must not exit), so it
  // must go as soon as nobody waits for it any more.
  function recordingClock() {
    const clock = new VirtualClock();
    const timers: AbortSignal[] = [];
    const sleep = clock.sleep.bind(clock);
    clock.sleep = (ms: number, signal?: AbortSignal) => {
      if (signal !== undefined) timers.push(signal);
      return sleep(ms, signal);
    };
    return { clock, timers };
  }

  it('is cleared when the last waiter leaves the queue', async () => {
    const { clock, timers } = recordingClock();
    const limiter = new AdaptiveLimiter(LimiterSettings.parse({ maxRequestsPerSecond: 0.5 }), clock, 'test');
    (await limiter.acquire()).release({ throttled: false });
    const caller = new AbortController();
    const waiting = limiter.acquire(caller.signal).catch((error: unknown) => error);
    await clock.settle();
    expect(timers).toHaveLength(1);
    expect(timers[0]!.aborted).toBe(false);
    caller.abort();
    await waiting;
    expect(timers[0]!.aborted).toBe(true);
  });

  it('is kept while another waiter still waits, and replaced by an earlier one', async () => {
    const { clock, timers } = recordingClock();
    const limiter = new AdaptiveLimiter(LimiterSettings.parse({ maxRequestsPerSecond: 0.5 }), clock, 'test');
    (await limiter.acquire()).release({ throttled: false });
    const first = new AbortController();
    const abandoned = limiter.acquire(first.signal).catch((error: unknown) => error);
    const kept = limiter.acquire();
    await clock.settle();
    first.abort();
    await abandoned;
    expect(timers.filter((timer) => !timer.aborted)).toHaveLength(1);
    await clock.finish(kept);
    expect(limiter.state).toMatchObject({ started: 2, queued: 0 });
  });
});
