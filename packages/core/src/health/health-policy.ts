import { z } from 'zod';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Microsoft Entra's quarantine: a quarantined provisioning job runs again after 6 hours, then 12,
 * then 24, then daily. The last delay repeats.
 */
export const ENTRA_QUARANTINE_SCHEDULE_MS: readonly number[] = Object.freeze([
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
]);

const Delay = z
  .number()
  .int()
  .positive()
  .max(366 * 24 * HOUR);

/**
 * When a connection counts as unhealthy or quarantined, how often it is checked in each state, and
 * how a quarantined connection's operations are slowed. Data, validated (`invalid_input` naming
 * `health.<field>`).
 */
export const HEALTH_POLICY_FIELDS = {
  /** Between two checks of a healthy connection. Default 15 minutes. */
  checkIntervalMs: Delay.default(15 * MINUTE),
  /** Between two checks of an unhealthy connection (not yet quarantined). Default 5 minutes. */
  unhealthyCheckIntervalMs: Delay.default(5 * MINUTE),
  /**
   * Failures in a row (checks or operations) that make a healthy connection unhealthy. Refused
   * credentials (`authentication`, `permission_denied`, or a check saying `invalid`, `expired` or
   * `insufficient_permissions`) do it at once. Default 3.
   */
  unhealthyAfter: z.number().int().min(1).max(10_000).default(3),
  /**
   * Failures in a row of one operation (a verb) while the connection stays healthy that log
   * `connection.operation_failing` (and `connection.operation_recovered` at its next success).
   * Counted per verb, so other verbs succeeding in between do not reset it; refused credentials
   * are left to `unhealthyAfter`. Default 5.
   */
  operationFailuresAfter: z.number().int().min(1).max(10_000).default(5),
  /** Failures in a row that quarantine a connection; at least `unhealthyAfter`. Default 6. */
  quarantineAfter: z.number().int().min(1).max(100_000).default(6),
  /**
   * Delay before each check of a quarantined connection: the first after it was quarantined, the
   * next after each failed check; the last repeats. Default `ENTRA_QUARANTINE_SCHEDULE_MS`.
   */
  quarantineScheduleMs: z
    .array(Delay)
    .min(1)
    .max(100)
    .default([...ENTRA_QUARANTINE_SCHEDULE_MS]),
  /** Spread of each delay (0 to 1; 0.1 is ±10 %), so many connections do not fall due together. */
  jitter: z.number().min(0).max(1).default(0.1),
  /**
   * A quarantined connection's operations start at least this long apart (health checks are not
   * slowed). Default 1 minute; 0 lets them through at the pace the host calls them.
   */
  quarantinePaceMs: z
    .number()
    .int()
    .min(0)
    .max(24 * HOUR)
    .default(MINUTE),
  /**
   * Operations that may wait their turn on a quarantined connection; one more is refused at once
   * with `unavailable` (`details.reason: 'quarantined'`). Default 100.
   */
  maxQueuedWhileQuarantined: z.number().int().min(0).max(100_000).default(100),
};

/** `quarantineAfter` below `unhealthyAfter` would quarantine a connection that never was unhealthy. */
export function thresholdsInOrder(policy: { unhealthyAfter: number; quarantineAfter: number }): boolean {
  return policy.quarantineAfter >= policy.unhealthyAfter;
}

export const THRESHOLDS_IN_ORDER = {
  message: 'must be at least unhealthyAfter',
  path: ['quarantineAfter'],
};

export const HealthPolicy = z
  .strictObject(HEALTH_POLICY_FIELDS)
  .refine(thresholdsInOrder, THRESHOLDS_IN_ORDER);
export type HealthPolicy = z.output<typeof HealthPolicy>;
export type HealthPolicyInput = z.input<typeof HealthPolicy>;

/** The defaults, parsed once. */
export const DEFAULT_HEALTH_POLICY: HealthPolicy = Object.freeze(HealthPolicy.parse({}));
