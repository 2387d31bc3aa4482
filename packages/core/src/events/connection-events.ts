import { z } from 'zod';
import { HealthFailure } from '../health/health-record.js';
import { IsoTimestamp } from '../model/primitives.js';
import { CredentialStatus } from '../spi/credential-check.js';
import { Verb } from '../spi/verbs.js';
import { EVENT_COMMON } from './event-common.js';

const Failing = {
  /** Checks and operations that failed in a row so far. */
  consecutiveFailures: z.number().int().positive(),
  /** The first failure of this run of failures. */
  failingSince: IsoTimestamp,
  /** The failure that tipped it: code, time and operation. */
  error: HealthFailure,
  /** The credentials' state when a check or an operation said so (`invalid`, `expired`, ...). */
  credentials: CredentialStatus.optional(),
  /** When the connection will be checked next. */
  nextCheckAt: IsoTimestamp.optional(),
};

/**
 * A healthy connection became unhealthy: its credentials were refused (at once), or checks and
 * operations failed `unhealthyAfter` times in a row. Connection events never carry a secret: codes,
 * counts, times and the credentials' status only.
 */
export const ConnectionUnhealthyEvent = z.object({
  ...EVENT_COMMON,
  type: z.literal('connection.unhealthy'),
  source: z.literal('provisionkit'),
  data: z.object(Failing),
});

/** An unhealthy connection kept failing (`quarantineAfter` in a row): checked less and less often, its operations slowed. */
export const ConnectionQuarantinedEvent = z.object({
  ...EVENT_COMMON,
  type: z.literal('connection.quarantined'),
  source: z.literal('provisionkit'),
  data: z.object({ ...Failing, nextCheckAt: IsoTimestamp }),
});

/**
 * One operation (a verb) of a connection failed `operationFailuresAfter` times in a row while the
 * connection as a whole stayed healthy (its other calls or checks worked): a problem of that
 * operation, not of the connection. Refused credentials are not counted here (they make the
 * connection unhealthy at once).
 */
export const ConnectionOperationFailingEvent = z.object({
  ...EVENT_COMMON,
  type: z.literal('connection.operation_failing'),
  source: z.literal('provisionkit'),
  data: z.object({
    operation: Verb,
    /** Failures of this operation in a row so far. */
    consecutiveFailures: z.number().int().positive(),
    /** The first failure of this run. */
    failingSince: IsoTimestamp,
    /** The last failure: code, time and operation. */
    error: HealthFailure,
  }),
});

/** An operation reported failing (`connection.operation_failing`) succeeded again. */
export const ConnectionOperationRecoveredEvent = z.object({
  ...EVENT_COMMON,
  type: z.literal('connection.operation_recovered'),
  source: z.literal('provisionkit'),
  data: z.object({
    operation: Verb,
    /** Failures of this operation in a row before this success. */
    consecutiveFailures: z.number().int().positive(),
    failingSince: IsoTimestamp,
  }),
});

/** An unhealthy or quarantined connection worked again: a check or an operation succeeded. */
export const ConnectionRecoveredEvent = z.object({
  ...EVENT_COMMON,
  type: z.literal('connection.recovered'),
  source: z.literal('provisionkit'),
  data: z.object({
    /** The state it recovered from. */
    from: z.enum(['unhealthy', 'quarantined']),
    unhealthySince: IsoTimestamp,
    quarantinedAt: IsoTimestamp.optional(),
    /** Failures in a row before this success. */
    consecutiveFailures: z.number().int().nonnegative(),
    /** The operation that succeeded (`verifyCredentials` for a health check). */
    recoveredBy: Verb,
  }),
});
