import type { ErrorCode, ProvisioningError } from '../errors/provisioning-error.js';
import type { CredentialCheck, CredentialStatus } from '../spi/credential-check.js';

const STATUS_BY_CODE: Partial<Record<ErrorCode, CredentialStatus>> = {
  authentication: 'invalid',
  permission_denied: 'insufficient_permissions',
  unavailable: 'unreachable',
  rate_limited: 'unreachable',
};

/**
 * The health report for a failed check. Any other failure also reads as `unreachable`: the caller
 * asked whether the connection works, and it does not. `error` is already scrubbed.
 */
export function credentialCheckFromError(error: ProvisioningError): CredentialCheck {
  return {
    status: STATUS_BY_CODE[error.code] ?? 'unreachable',
    message: error.message,
    checkedAt: new Date().toISOString(),
  };
}
