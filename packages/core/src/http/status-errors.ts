import {
  AuthenticationError,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  RateLimitedError,
  UnavailableError,
} from '../errors/error-classes.js';
import type { ProvisioningError, ProvisioningErrorOptions } from '../errors/provisioning-error.js';
import type { HttpFailure } from './http-failure.js';

/**
 * The default table from HTTP status to error code: 400/422 `invalid_input`, 401 `authentication`,
 * 403 `permission_denied`, 404 `not_found`, 409 `conflict`, 429 `rate_limited` (with
 * `retryAfterMs`), 408 and 5xx `unavailable`, anything else `provider_error` with a redacted
 * excerpt of the body. Details name the status, method and path template, plus the provider's own
 * error code and message when its body had them.
 */
export function defaultErrorForStatus(failure: HttpFailure): ProvisioningError {
  const { status } = failure;
  const message = `${failure.provider} answered ${failure.method} ${failure.path} with HTTP ${status}`;
  const options = errorOptions(failure);
  switch (status) {
    case 400:
    case 422:
      return new InvalidInputError(message, [], options);
    case 401:
      return new AuthenticationError(message, options);
    case 403:
      return new PermissionDeniedError(message, options);
    case 404:
      return new NotFoundError(message, options);
    case 409:
      return new ConflictError(message, options);
    case 429:
      return new RateLimitedError(message, { ...options, retryAfterMs: failure.retryAfterMs });
    default:
      if (status === 408 || (status >= 500 && status <= 599)) {
        const retryAfter = failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs };
        return new UnavailableError(message, { ...options, details: { ...options.details, ...retryAfter } });
      }
      return new ProviderError(message, {
        ...options,
        details: { ...options.details, reason: 'http_status', excerpt: failure.excerpt },
      });
  }
}

function errorOptions(failure: HttpFailure): ProvisioningErrorOptions {
  const body = failure.errorBody;
  return {
    provider: failure.provider,
    details: {
      httpStatus: failure.status,
      method: failure.method,
      path: failure.path,
      ...(body?.code === undefined ? {} : { providerCode: body.code }),
      ...(body?.message === undefined ? {} : { providerMessage: body.message }),
    },
  };
}
