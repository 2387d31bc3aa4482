import { z } from 'zod';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Standard Webhooks' schedule: the delay before each attempt, the first immediate. After the last
 * (the 8th, some 27 hours after the first) fails, the delivery is `failed`; the log keeps the event.
 */
export const STANDARD_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

export const RetrySchedule = z
  .array(
    z
      .number()
      .int()
      .nonnegative()
      .max(7 * 24 * HOUR),
  )
  .min(1)
  .max(50);

/**
 * When the next attempt is due after attempt `attempt` (1-based) failed, or undefined when it was
 * the schedule's last. The delay is spread by `jitter` (0.2: ±20%) so retries of many deliveries
 * failing together do not arrive together, and is never shorter than the receiver's `Retry-After`.
 */
export function nextAttemptDelay(input: {
  readonly schedule: readonly number[];
  readonly attempt: number;
  readonly jitter: number;
  readonly random: () => number;
  readonly retryAfterMs?: number | undefined;
}): number | undefined {
  const planned = input.schedule[input.attempt];
  if (planned === undefined) return undefined;
  const spread = planned * input.jitter * (2 * input.random() - 1);
  return Math.max(Math.round(planned + spread), input.retryAfterMs ?? 0);
}
