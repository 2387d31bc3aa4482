import { describe, expect, it } from 'vitest';
import { HttpClient } from '../http-client.js';
import {
  fixedWindow,
  slidingWindow,
  type ThrottleModel,
  throttlingServer,
  tokenBucket,
} from '../throttling-server-test-helpers.js';
import { VirtualClock } from '../virtual-clock-test-helpers.js';

const RUN_MS = 60_000;
const SETTLED_FROM_MS = 10_000;

/**
 * Drives one connection with more callers than its concurrency for a virtual minute against a
 * server that accepts `perSecond` requests a second. Deterministic: virtual clock, seeded jitter.
 */
async function simulate(model: ThrottleModel, retryAfter: boolean, settledFromMs = SETTLED_FROM_MS) {
  const clock = new VirtualClock();
  const server = throttlingServer(clock, model, { latencyMs: 40, retryAfter });
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const client = new HttpClient({
    provider: 'sim',
    baseUrl: 'https://api.example.test',
    sender: server.sender,
    clock,
    random,
  });
  let stop = false;
  let running = 0;
  const worker = async () => {
    running++;
    while (!stop) {
      await client.request({ method: 'GET', path: '/users' }).catch(() => undefined);
    }
    running--;
  };
  for (let index = 0; index < 16; index++) void worker();
  await clock.run(() => false, RUN_MS);
  stop = true;
  await clock.run(() => running === 0, RUN_MS + 120_000);
  const settled = server.accepted.filter((at) => at >= settledFromMs && at < RUN_MS).length;
  const throughput = settled / ((RUN_MS - settledFromMs) / 1000);
  const total = server.accepted.length + server.throttled();
  return { throughput, throttledShare: server.throttled() / total, state: client.limiterState };
}

describe('AdaptiveLimiter', () => {
  describe('against a server that accepts N requests a second', () => {
    const cases: Array<[string, (n: number) => ThrottleModel, boolean]> = [
      ['a sliding window, with Retry-After', slidingWindow, true],
      ['a sliding window, without Retry-After', slidingWindow, false],
      ['a token bucket, with Retry-After', tokenBucket, true],
      ['a fixed window, without Retry-After', fixedWindow, false],
    ];
    for (const [name, makeModel, retryAfter] of cases) {
      for (const perSecond of [20, 100]) {
        it(`settles at 80% of N or more with under 5% throttled (${name}, N=${perSecond})`, async () => {
          const result = await simulate(makeModel(perSecond), retryAfter);
          expect(result.throughput).toBeGreaterThanOrEqual(0.8 * perSecond);
          expect(result.throttledShare).toBeLessThan(0.05);
          expect(result.state.rate).not.toBeNull();
        });
      }
    }

    it('follows the server down when N drops from 100 to 20 halfway', async () => {
      const before = slidingWindow(100);
      const after = slidingWindow(20);
      const model: ThrottleModel = {
        admit: (now) => (now < RUN_MS / 2 ? before : after).admit(now),
        waitSeconds: (now) => (now < RUN_MS / 2 ? before : after).waitSeconds(now),
      };
      const result = await simulate(model, true, RUN_MS / 2 + SETTLED_FROM_MS);
      expect(result.throughput).toBeGreaterThanOrEqual(0.8 * 20);
      expect(result.state.rate).toBeLessThan(30);
      expect(result.throttledShare).toBeLessThan(0.05);
    });

    it('stays at the host cap when the server would take more', async () => {
      const clock = new VirtualClock();
      const server = throttlingServer(clock, slidingWindow(100), { latencyMs: 40, retryAfter: true });
      const client = new HttpClient({
        provider: 'sim',
        baseUrl: 'https://api.example.test',
        sender: server.sender,
        clock,
        limits: { maxRequestsPerSecond: 25 },
      });
      let stop = false;
      const loops = Array.from({ length: 8 }, async () => {
        while (!stop) await client.request({ method: 'GET', path: '/users' });
      });
      await clock.run(() => false, 20_000);
      stop = true;
      await clock.run(() => false, 25_000);
      await Promise.all(loops);
      const accepted = server.accepted.filter((at) => at >= 5_000 && at < 20_000).length;
      expect(accepted / 15).toBeLessThanOrEqual(25);
      expect(accepted / 15).toBeGreaterThanOrEqual(24);
      expect(server.throttled()).toBe(0);
      expect(client.limiterState).toMatchObject({ rate: 25, ceiling: 25, throttled: 0 });
    });
  });
});
