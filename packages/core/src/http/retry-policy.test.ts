import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY, RetryPolicy, retriesCode } from './retry-policy.js';

const policies = fc
  .record({
    maxAttempts: fc.integer({ min: 1, max: 20 }),
    baseDelayMs: fc.integer({ min: 0, max: 600_000 }),
    maxDelayMs: fc.integer({ min: 0, max: 600_000 }),
    jitter: fc.constantFrom('full', 'none'),
    respectRetryAfter: fc.boolean(),
    maxRetryAfterMs: fc.integer({ min: 0, max: 3_600_000 }),
  })
  .map((input) => RetryPolicy.parse(input));

describe('RetryPolicy', () => {
  it('defaults to four attempts, capped full-jitter back-off and honouring Retry-After up to a minute', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxAttempts: 4,
      baseDelayMs: 250,
      maxDelayMs: 10_000,
      jitter: 'full',
      retryOn: ['rate_limited', 'unavailable'],
      respectRetryAfter: true,
      maxRetryAfterMs: 60_000,
    });
    expect(retriesCode(DEFAULT_RETRY_POLICY, 'conflict')).toBe(false);
    expect(retriesCode(DEFAULT_RETRY_POLICY, 'unavailable')).toBe(true);
  });

  it('refuses unknown fields and codes that are not retryable', () => {
    expect(RetryPolicy.safeParse({ retryOn: ['not_found'] }).success).toBe(false);
    expect(RetryPolicy.safeParse({ maxAttempt: 3 }).success).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('is whole, within [0, maxDelayMs] without a Retry-After, for any attempt and random value', () => {
    fc.assert(
      fc.property(policies, fc.integer({ min: -5, max: 1000 }), fc.double(), (policy, attempt, random) => {
        const delay = backoffDelay(policy, attempt, undefined, () => random);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
      }),
    );
  });

  it('waits at least a honoured Retry-After, and never more than the larger of the cap and maxRetryAfterMs', () => {
    fc.assert(
      fc.property(
        policies,
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 4_000_000 }),
        (policy, attempt, random, retryAfter) => {
          const delay = backoffDelay(policy, attempt, retryAfter, () => random);
          expect(delay).toBeLessThanOrEqual(Math.max(policy.maxDelayMs, policy.maxRetryAfterMs));
          if (policy.respectRetryAfter) {
            expect(delay).toBeGreaterThanOrEqual(Math.min(retryAfter, policy.maxRetryAfterMs));
          }
        },
      ),
    );
  });

  it('grows exponentially up to the cap without jitter', () => {
    const policy = RetryPolicy.parse({ jitter: 'none', baseDelayMs: 100, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt, undefined, Math.random))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });
});
