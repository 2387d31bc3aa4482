import { RateLimitedError, UnavailableError } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, delayForAttempt, isRetryable, RetryPolicy } from './retry-policy.js';

const noJitter = RetryPolicy.parse({ jitter: 'none', baseDelayMs: 100, maxDelayMs: 1000 });

describe('RetryPolicy', () => {
  describe('delayForAttempt', () => {
    it('doubles from the base delay and stops at the cap', () => {
      const delays = [1, 2, 3, 4, 5, 6].map((attempt) => delayForAttempt(noJitter, attempt, undefined));
      expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
    });

    it('draws full jitter uniformly below the exponential ceiling', () => {
      const policy = RetryPolicy.parse({ baseDelayMs: 100, maxDelayMs: 1000 });
      expect(delayForAttempt(policy, 3, undefined, () => 0.5)).toBe(200);
      expect(delayForAttempt(policy, 3, undefined, () => 0)).toBe(0);
    });

    it('waits at least what Retry-After asked', () => {
      const error = new RateLimitedError('slow down', { retryAfterMs: 7000 });
      expect(delayForAttempt(noJitter, 1, error)).toBe(7000);
    });

    it('caps Retry-After at maxRetryAfterMs', () => {
      const policy = RetryPolicy.parse({ jitter: 'none', maxRetryAfterMs: 2000 });
      const error = new RateLimitedError('slow down', { retryAfterMs: 3_600_000 });
      expect(delayForAttempt(policy, 1, error)).toBe(2000);
    });

    it('ignores Retry-After when the policy says so', () => {
      const policy = RetryPolicy.parse({ jitter: 'none', baseDelayMs: 100, respectRetryAfter: false });
      const error = new RateLimitedError('slow down', { retryAfterMs: 7000 });
      expect(delayForAttempt(policy, 1, error)).toBe(100);
    });

    it('keeps the back-off when it is longer than Retry-After', () => {
      const error = new RateLimitedError('slow down', { retryAfterMs: 10 });
      expect(delayForAttempt(noJitter, 4, error)).toBe(800);
    });
  });

  describe('isRetryable', () => {
    it('retries only the codes the policy names', () => {
      const onlyThrottling = RetryPolicy.parse({ retryOn: ['rate_limited'] });
      expect(isRetryable(DEFAULT_RETRY_POLICY, new UnavailableError('down'))).toBe(true);
      expect(isRetryable(onlyThrottling, new UnavailableError('down'))).toBe(false);
      expect(isRetryable(onlyThrottling, new RateLimitedError('slow'))).toBe(true);
    });
  });
});
