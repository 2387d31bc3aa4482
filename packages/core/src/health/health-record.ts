import { z } from 'zod';
import { ERROR_CODES } from '../errors/provisioning-error.js';
import { IsoTimestamp } from '../model/primitives.js';
import { CredentialStatus } from '../spi/credential-check.js';
import { Verb } from '../spi/verbs.js';

/**
 * Where a connection stands. `healthy`: its last checks and operations worked (or too few failed
 * to say otherwise). `unhealthy`: its credentials were refused, or several checks or operations in
 * a row failed. `quarantined`: they kept failing; it is checked less and less often and its
 * operations are slowed until it recovers.
 */
export const HealthState = z.enum(['healthy', 'unhealthy', 'quarantined']);
export type HealthState = z.infer<typeof HealthState>;

/** The last failure that counted against a connection: its code, when, and which operation. */
export const HealthFailure = z.object({
  code: z.enum(ERROR_CODES),
  /** The verb that failed (`verifyCredentials` for a health check). */
  operation: Verb,
  at: IsoTimestamp,
});
export type HealthFailure = z.infer<typeof HealthFailure>;

/**
 * One operation failing in a row, counted apart from the connection: a connection whose listing
 * works but whose `createUser` always fails stays healthy, and this says so.
 */
export const FailingOperation = z.object({
  operation: Verb,
  consecutiveFailures: z.number().int().positive(),
  failingSince: IsoTimestamp,
  /** The last failure's code and time. */
  lastError: z.object({ code: z.enum(ERROR_CODES), at: IsoTimestamp }),
  /** When `connection.operation_failing` was logged for this run of failures (absent: not yet). */
  reportedAt: IsoTimestamp.optional(),
});
export type FailingOperation = z.infer<typeof FailingOperation>;

/** What the credentials were last seen to be, and when. */
export const CredentialState = z.object({
  status: CredentialStatus,
  checkedAt: IsoTimestamp,
  /** The check's message (already scrubbed of the connection's secrets), at most 500 characters. */
  message: z.string().max(500).optional(),
});
export type CredentialState = z.infer<typeof CredentialState>;

/**
 * A connection's health as the state store keeps it, under its key (tenant and provider), so it
 * survives a restart and other processes (a CLI) can read it. Written only through
 * `planHealth`; `revision` grows by one with each write (a store refuses a write made from an
 * older revision).
 */
export const ConnectionHealth = z.object({
  tenant: z.string().min(1),
  provider: z.string().min(1),
  state: HealthState,
  revision: z.number().int().positive(),
  updatedAt: IsoTimestamp,
  credentials: CredentialState.optional(),
  lastError: HealthFailure.optional(),
  /** Checks and operations that failed in a row, up to the last success. */
  consecutiveFailures: z.number().int().nonnegative(),
  /** The first failure of the current run of failures. */
  failingSince: IsoTimestamp.optional(),
  /** When the connection last became unhealthy (kept while quarantined). */
  unhealthySince: IsoTimestamp.optional(),
  quarantinedAt: IsoTimestamp.optional(),
  /** While quarantined: the step of the quarantine schedule the next failed check moves to. */
  quarantineStep: z.number().int().nonnegative(),
  /** Operations failing in a row (credential failures aside), at most one entry per verb. */
  failingOperations: z.array(FailingOperation).optional(),
  /** When a health monitor should check the connection next. */
  nextCheckAt: IsoTimestamp.optional(),
  /** False once the host disabled the connection's health checks. */
  checksEnabled: z.boolean(),
});
export type ConnectionHealth = z.infer<typeof ConnectionHealth>;
