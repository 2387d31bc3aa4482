import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextAttemptDelay, STANDARD_RETRY_SCHEDULE_MS } from './retry-schedule.js';

const base = { schedule: STANDARD_RETRY_SCHEDULE_MS, jitter: 0, random: () => 0.5 };

describe('nextAttemptDelay', () => {
  it("follows Standard Webhooks' schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => nextAttemptDelay({ ...base, attempt }));
    expect(delays).toEqual([
      5_000,
      300_000,
      1_800_000,
      7_200_000,
      18_000_000,
      36_000_000,
      36_000_000,
      undefined,
    ]);
  });

  it('spreads each delay within ±jitter and never below Retry-After', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: undefined }),
        (attempt, jitter, random, retryAfterMs) => {
          const planned = STANDARD_RETRY_SCHEDULE_MS[attempt]!;
          const delay = nextAttemptDelay({ ...base, attempt, jitter, random: () => random, retryAfterMs })!;
          expect(delay).toBeGreaterThanOrEqual(retryAfterMs ?? 0);
          if (retryAfterMs === undefined || retryAfterMs <= planned * (1 - jitter)) {
            expect(delay).toBeGreaterThanOrEqual(Math.floor(planned * (1 - jitter)));
            expect(delay).toBeLessThanOrEqual(Math.ceil(planned * (1 + jitter)));
          }
        },
      ),
    );
  });

  it('takes a longer Retry-After over the schedule', () => {
    expect(nextAttemptDelay({ ...base, attempt: 1, retryAfterMs: 60_000 })).toBe(60_000);
    expect(nextAttemptDelay({ ...base, attempt: 2, retryAfterMs: 60_000 })).toBe(300_000);
  });
});
