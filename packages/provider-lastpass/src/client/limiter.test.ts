import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequestLimiter } from './limiter.js';

function deferred() {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe('createRequestLimiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('.run', () => {
    it('never runs more than maxConcurrent tasks at once', async () => {
      const limiter = createRequestLimiter({ maxConcurrent: 2, requestsPerSecond: 10_000 });
      let running = 0;
      let peak = 0;
      const gates = Array.from({ length: 5 }, deferred);
      const tasks = gates.map((gate) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await gate.promise;
          running--;
        }),
      );
      await vi.waitFor(() => expect(running).toBe(2));
      expect(limiter.pendingCount).toBe(3);
      for (const gate of gates) gate.release();
      await Promise.all(tasks);
      expect(peak).toBe(2);
    });

    it('starts no more than requestsPerSecond tasks in any one-second window', async () => {
      vi.useFakeTimers();
      const limiter = createRequestLimiter({ maxConcurrent: 10, requestsPerSecond: 2 });
      const startedAt: number[] = [];
      const tasks = Array.from({ length: 6 }, () =>
        limiter.run(async () => {
          startedAt.push(Date.now());
        }),
      );
      await vi.advanceTimersByTimeAsync(0);
      expect(startedAt).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(10_000);
      await Promise.all(tasks);
      expect(startedAt).toHaveLength(6);
      for (let i = 2; i < startedAt.length; i++) {
        expect(startedAt[i]! - startedAt[i - 2]!).toBeGreaterThanOrEqual(1000);
      }
    });

    it('gives each limiter its own budget', async () => {
      vi.useFakeTimers();
      const first = createRequestLimiter({ maxConcurrent: 1, requestsPerSecond: 1 });
      const second = createRequestLimiter({ maxConcurrent: 1, requestsPerSecond: 1 });
      let started = 0;
      const count = async () => {
        started++;
      };
      const tasks = [first.run(count), second.run(count), first.run(count)];
      await vi.advanceTimersByTimeAsync(0);
      expect(started).toBe(2);
      await vi.advanceTimersByTimeAsync(1000);
      await Promise.all(tasks);
      expect(started).toBe(3);
    });

    it('does not start a task whose signal was aborted while it waited', async () => {
      const limiter = createRequestLimiter({ maxConcurrent: 1, requestsPerSecond: 10_000 });
      const gate = deferred();
      const first = limiter.run(() => gate.promise);
      const controller = new AbortController();
      const task = vi.fn(async () => {});
      const second = limiter.run(task, controller.signal);
      controller.abort(new Error('caller gave up'));
      gate.release();
      await first;
      await expect(second).rejects.toThrow('caller gave up');
      expect(task).not.toHaveBeenCalled();
    });

    it('stops waiting for a slot or a rate token as soon as the signal aborts, and never runs the task', async () => {
      const limiter = createRequestLimiter({ maxConcurrent: 1, requestsPerSecond: 0.001 });
      await limiter.run(async () => undefined);
      const ran = vi.fn(async () => undefined);
      const waitingForToken = new AbortController();
      const first = limiter.run(ran, waitingForToken.signal);
      const waitingForSlot = new AbortController();
      const second = limiter.run(ran, waitingForSlot.signal);
      waitingForSlot.abort(new Error('slot'));
      waitingForToken.abort(new Error('token'));
      await expect(second).rejects.toThrow('slot');
      await expect(first).rejects.toThrow('token');
      expect(ran).not.toHaveBeenCalled();
    });
  });
});
