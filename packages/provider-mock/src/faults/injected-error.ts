import {
  AuthenticationError,
  type ErrorCode,
  errorForCode,
  PermissionDeniedError,
  type ProvisioningError,
  RateLimitedError,
  UnavailableError,
} from '@provisionkit/core';
import type { CredentialFault } from './fault-options.js';

// `injected: true` lets a confused test author tell a scripted failure from a real bug in the mock.
const DETAILS = { injected: true } as const;

export function injectedError(
  code: ErrorCode,
  options: {
    readonly provider: string;
    readonly message: string;
    readonly retryAfterMs?: number | undefined;
  },
): ProvisioningError {
  if (code === 'rate_limited') {
    return new RateLimitedError(options.message, {
      provider: options.provider,
      retryAfterMs: options.retryAfterMs,
      details: DETAILS,
    });
  }
  return errorForCode(code, options.message, { provider: options.provider, details: DETAILS });
}

/** The error every verb but `verifyCredentials` raises while a credential fault is set. */
export function credentialError(fault: CredentialFault, provider: string): ProvisioningError {
  const options = { provider, details: DETAILS };
  switch (fault) {
    case 'invalid':
      return new AuthenticationError('Credentials rejected (injected fault)', options);
    case 'expired':
      return new AuthenticationError('Credentials expired (injected fault)', options);
    case 'insufficient_permissions':
      return new PermissionDeniedError('Permissions revoked (injected fault)', options);
    case 'unreachable':
      return new UnavailableError('Provider unreachable (injected fault)', options);
  }
}
