import {
  type CredentialCheck,
  type CredentialStatus,
  type ErrorCode,
  ProvisioningError,
} from '@provisionkit/core';
import type { LastPassClient } from '../client/index.js';

const STATUS_BY_CODE: Partial<Record<ErrorCode, CredentialStatus>> = {
  authentication: 'invalid',
  permission_denied: 'insufficient_permissions',
  unavailable: 'unreachable',
  rate_limited: 'unreachable',
};

/**
 * The cheapest authenticated call, `getuserdata` with a page of one, as a health report: bad
 * credentials are a result, not an exception. LastPass cannot tell "expired" from "invalid".
 */
export async function verifyCredentials(
  client: LastPassClient,
  signal?: AbortSignal,
): Promise<CredentialCheck> {
  try {
    await client.getUserData({ pageindex: 0, pagesize: 1 }, { signal });
    return { status: 'valid', checkedAt: new Date().toISOString() };
  } catch (error) {
    // A cancelled check is the caller's decision, not a verdict on the credentials.
    if (!ProvisioningError.is(error) || error.code === 'cancelled') throw error;
    return {
      status: STATUS_BY_CODE[error.code] ?? 'unreachable',
      message: error.message,
      checkedAt: new Date().toISOString(),
    };
  }
}
