import { z } from 'zod';
import type { ErrorCode } from '../errors/provisioning-error.js';

/** Error codes a policy may retry: the two that mean "the same request may work later". */
export const RetryableCode = z.enum(['rate_limited', 'unavailable']);
export type RetryableCode = z.infer<typeof RetryableCode>;

/**
 * Retry policy as data, so a connection's config can tune it and tests can read it. `maxAttempts`
 * counts the first try: 4 means one request and up to three resends. Waits are capped exponential
 * back-off (`baseDelayMs * 2^(attempt-1)`, at most `maxDelayMs`) with full jitter (uniform in
 * `[0, cap]`, so clients recovering together do not resend in lockstep). A `Retry-After` up to
 * `maxRetryAfterMs` is a floor for the wait; a longer one is not waited for: the request fails at
 * once with `rate_limited` and the (clamped) wait, for the host to schedule.
 */
export const RetryPolicy = z.strictObject({
  maxAttempts: z.number().int().min(1).max(20).default(4),
  baseDelayMs: z.number().int().min(0).max(600_000).default(250),
  maxDelayMs: z.number().int().min(0).max(600_000).default(10_000),
  jitter: z.enum(['full', 'none']).default('full'),
  retryOn: z.array(RetryableCode).max(2).default(['rate_limited', 'unavailable']),
  respectRetryAfter: z.boolean().default(true),
  maxRetryAfterMs: z.number().int().min(0).max(3_600_000).default(60_000),
});
export type RetryPolicy = z.output<typeof RetryPolicy>;
export type RetryPolicyInput = z.input<typeof RetryPolicy>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = RetryPolicy.parse({});

/** True when the policy names this error code (the attempt budget is checked separately). */
export function retriesCode(policy: RetryPolicy, code: ErrorCode): boolean {
  return (policy.retryOn as readonly string[]).includes(code);
}

/**
 * Milliseconds to wait after `attempt` (1-based) failed: the jittered back-off, raised to the
 * server's `Retry-After` when the policy honours it. `retryAfterMs` must already be within
 * `maxRetryAfterMs` (longer asks are not waited for at all).
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const backoff = policy.jitter === 'full' ? Math.floor(unit(random()) * ceiling) : ceiling;
  if (!policy.respectRetryAfter || retryAfterMs === undefined) return backoff;
  return Math.max(backoff, Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs));
}

function unit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(value, 1);
}
