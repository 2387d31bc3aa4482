import { ProviderError } from '../errors/error-classes.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { copyError } from '../redaction/scrub-error.js';
import type { Verb } from '../spi/verbs.js';

export interface ErrorContext {
  readonly provider: string;
  readonly operation: Verb;
  /** Connection secrets plus secrets found in this call's input. */
  readonly secrets: readonly string[];
}

/** Anything that is not a `ProvisioningError` becomes a `ProviderError` keeping it as `cause`. */
export function toProvisioningError(error: unknown, provider: string, operation: Verb): ProvisioningError {
  if (ProvisioningError.is(error)) return error;
  // The name only: a foreign message may quote a request or response body.
  const kind = error instanceof Error ? error.name : typeof error;
  return new ProviderError(`${operation} failed with an unexpected ${kind}`, { provider, cause: error });
}

/**
 * Codes that repeating the same call can never fix: whatever the provider said, they leave core
 * with `retryable: false`, so a host's retry loop does not hammer a missing user or a bad input.
 */
export const NEVER_RETRYABLE: ReadonlySet<string> = new Set([
  'invalid_input',
  'not_found',
  'conflict',
  'unsupported_operation',
  'cancelled',
]);

/**
 * The form in which every error leaves a wrapped directory: typed, provider named, scrubbed, and
 * not retryable when its code says so.
 */
export function finalizeError(error: unknown, context: ErrorContext): ProvisioningError {
  const typed = toProvisioningError(error, context.provider, context.operation);
  const retryable = NEVER_RETRYABLE.has(typed.code) ? false : undefined;
  return copyError(typed, { secrets: context.secrets, provider: context.provider, retryable });
}
