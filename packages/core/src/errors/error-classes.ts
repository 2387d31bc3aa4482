import { type ErrorCode, ProvisioningError, type ProvisioningErrorOptions } from './provisioning-error.js';

/** One entry per field that failed validation; `path` is dotted (`batch.2.email`). */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

export class InvalidInputError extends ProvisioningError {
  static override readonly code: ErrorCode = 'invalid_input';
  readonly issues: readonly InputIssue[];
  constructor(message: string, issues: readonly InputIssue[] = [], options: ProvisioningErrorOptions = {}) {
    super(message, { ...options, details: { ...options.details, issues } });
    this.issues = issues;
  }
}

export class NotFoundError extends ProvisioningError {
  static override readonly code: ErrorCode = 'not_found';
}

export class ConflictError extends ProvisioningError {
  static override readonly code: ErrorCode = 'conflict';
}

export class AuthenticationError extends ProvisioningError {
  static override readonly code: ErrorCode = 'authentication';
}

export class PermissionDeniedError extends ProvisioningError {
  static override readonly code: ErrorCode = 'permission_denied';
}

export interface RateLimitedErrorOptions extends ProvisioningErrorOptions {
  /** How long the provider asked us to wait, when it said. */
  readonly retryAfterMs?: number | undefined;
}

export class RateLimitedError extends ProvisioningError {
  static override readonly code: ErrorCode = 'rate_limited';
  static override readonly retryableByDefault = true;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: RateLimitedErrorOptions = {}) {
    super(message, {
      ...options,
      details: {
        ...options.details,
        ...(options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs }),
      },
    });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Timeouts, 5xx answers, dropped connections: the provider could not be reached or did not answer. */
export class UnavailableError extends ProvisioningError {
  static override readonly code: ErrorCode = 'unavailable';
  static override readonly retryableByDefault = true;
}

/** The provider does not declare this verb (raised before any I/O). */
export class UnsupportedOperationError extends ProvisioningError {
  static override readonly code: ErrorCode = 'unsupported_operation';
}

/** Anything else the provider answered that we could not map: malformed output, unknown failures. */
export class ProviderError extends ProvisioningError {
  static override readonly code: ErrorCode = 'provider_error';
}

const BY_CODE: Readonly<
  Record<
    Exclude<ErrorCode, 'invalid_input'>,
    new (
      message: string,
      options?: ProvisioningErrorOptions,
    ) => ProvisioningError
  >
> = {
  not_found: NotFoundError,
  conflict: ConflictError,
  authentication: AuthenticationError,
  permission_denied: PermissionDeniedError,
  rate_limited: RateLimitedError,
  unavailable: UnavailableError,
  unsupported_operation: UnsupportedOperationError,
  provider_error: ProviderError,
};

/** Builds the error class that belongs to `code` (used by fault injection and deserialization). */
export function errorForCode(
  code: ErrorCode,
  message: string,
  options: ProvisioningErrorOptions = {},
): ProvisioningError {
  if (code === 'invalid_input') return new InvalidInputError(message, [], options);
  const ErrorClass = BY_CODE[code];
  return new ErrorClass(message, options);
}
