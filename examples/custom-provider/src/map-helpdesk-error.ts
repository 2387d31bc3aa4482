import {
  type ErrorCode,
  errorForCode,
  InvalidInputError,
  ProviderError,
  ProvisioningError,
  RateLimitedError,
} from '@provisionkit/core';
import type { HelpdeskFailure } from './helpdesk-api.js';
import { HELPDESK_PROVIDER_ID } from './helpdesk-capabilities.js';

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  401: 'authentication',
  403: 'permission_denied',
  404: 'not_found',
  409: 'conflict',
};

/**
 * The one place where Helpdesk's failures become provisionkit errors. Messages carry the status and
 * Helpdesk's error code only, never its message text, which may echo what was sent.
 */
export function mapHelpdeskError(failure: unknown): ProvisioningError {
  if (ProvisioningError.is(failure)) return failure;
  const options = { provider: HELPDESK_PROVIDER_ID, cause: failure };
  if (!isHelpdeskFailure(failure)) return new ProviderError('Helpdesk call failed unexpectedly', options);
  const { status, error } = failure;
  const message =
    status === 0 ? `Helpdesk did not answer (${error})` : `Helpdesk answered ${status} ${error}`;
  const withDetails = { ...options, details: { status, error } };
  if (status === 429) {
    const { retryAfterSeconds } = failure;
    const retryAfterMs = retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000;
    return new RateLimitedError(message, { ...withDetails, retryAfterMs });
  }
  if (status === 400 || status === 422) {
    return new InvalidInputError(message, [{ path: 'input', message: error }], withDetails);
  }
  if (status === 0 || status >= 500) return errorForCode('unavailable', message, withDetails);
  return errorForCode(CODE_BY_STATUS[status] ?? 'provider_error', message, withDetails);
}

/** Runs one Helpdesk request; whatever it rejects with leaves as a provisionkit error. */
export async function callHelpdesk<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (failure) {
    throw mapHelpdeskError(failure);
  }
}

function isHelpdeskFailure(value: unknown): value is HelpdeskFailure {
  const candidate = value as Partial<HelpdeskFailure> | null | undefined;
  return typeof candidate?.status === 'number' && typeof candidate.error === 'string';
}
