import { type ProvisioningError, RateLimitedError } from '@provisionkit/core';
import { z } from 'zod';

/** Error codes a retry policy may name. Only these two describe "try again later" failures. */
export const RetryableCode = z.enum(['rate_limited', 'unavailable']);
export type RetryableCode = z.infer<typeof RetryableCode>;

/**
 * Retry policy as data, so a connection's config can tune it and tests can read it. `maxAttempts`
 * counts the first try: 4 means one request and up to three resends.
 */
export const RetryPolicy = z.object({
  maxAttempts: z.number().int().min(1).max(20).default(4),
  baseDelayMs: z.number().int().min(0).max(600_000).default(250),
  maxDelayMs: z.number().int().min(0).max(600_000).default(10_000),
  jitter: z.enum(['full', 'none']).default('full'),
  retryOn: z.array(RetryableCode).default(['rate_limited', 'unavailable']),
  respectRetryAfter: z.boolean().default(true),
  maxRetryAfterMs: z.number().int().min(0).max(3_600_000).default(60_000),
});
export type RetryPolicy = z.output<typeof RetryPolicy>;
export type RetryPolicyInput = z.input<typeof RetryPolicy>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = RetryPolicy.parse({});

/** True when the policy allows another try for this error (attempt budget checked by the caller). */
export function isRetryable(policy: RetryPolicy, error: ProvisioningError): boolean {
  return (policy.retryOn as readonly string[]).includes(error.code);
}

/**
 * Milliseconds to wait after `attempt` (1-based) failed with `error`: capped exponential backoff,
 * with "full jitter" (uniform in [0, cap]) so many clients recovering together do not resend in
 * lockstep. A provider's `Retry-After` is a floor, itself capped so a hostile or broken header
 * cannot park a worker for hours.
 */
export function delayForAttempt(
  policy: RetryPolicy,
  attempt: number,
  error: ProvisioningError | undefined,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const backoff = policy.jitter === 'full' ? Math.floor(clampUnit(random()) * ceiling) : ceiling;
  if (policy.respectRetryAfter && RateLimitedError.is(error) && error.retryAfterMs !== undefined) {
    const asked = Math.min(Math.max(0, error.retryAfterMs), policy.maxRetryAfterMs);
    return Math.max(backoff, asked);
  }
  return backoff;
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(value, 1);
}
