import { ProvisioningError } from '../../errors/provisioning-error.js';

/** Codes that repeating the same call cannot fix: an error with one must not be marked retryable. */
const NEVER_RETRYABLE = new Set(['not_found', 'conflict', 'invalid_input', 'unsupported_operation']);

/** `code` of each error in `errors` that is marked retryable although its code says it cannot be. */
export function retryableThatCannotBe(errors: readonly unknown[]): string[] {
  return errors
    .filter((error) => ProvisioningError.is(error) && error.retryable && NEVER_RETRYABLE.has(error.code))
    .map((error) => (error as ProvisioningError).code);
}
