import {
  type ErrorCode,
  ProvisioningError,
  type ProvisioningErrorOptions,
  readErrorOptions,
} from './provisioning-error.js';
import { clampRetryAfterMs } from './retry-after-ms.js';

/** One entry per field that failed validation; `path` is dotted (`batch.2.email`). */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

export class InvalidInputError extends ProvisioningError {
  static override readonly code: ErrorCode = 'invalid_input';
  readonly issues: readonly InputIssue[];
  constructor(message: string, issues: readonly InputIssue[] = [], options: ProvisioningErrorOptions = {}) {
    const checked = readErrorOptions(options);
    const listed = readIssues(issues);
    super(message, { ...checked, details: { ...checked.details, issues: listed } });
    this.issues = listed;
  }
}

/** Issues as the constructor keeps them: entries that are not `{ path, message }` strings are dropped. */
function readIssues(issues: unknown): readonly InputIssue[] {
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (issue): issue is InputIssue =>
      typeof issue === 'object' &&
      issue !== null &&
      typeof (issue as InputIssue).path === 'string' &&
      typeof (issue as InputIssue).message === 'string',
  );
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
  /**
   * How long the provider asked us to wait, when it said. Clamped to whole milliseconds between 0
   * and `MAX_RETRY_AFTER_MS` (one hour); `NaN` or a non-number is dropped.
   */
  readonly retryAfterMs?: number | undefined;
}

export class RateLimitedError extends ProvisioningError {
  static override readonly code: ErrorCode = 'rate_limited';
  static override readonly retryableByDefault = true;
  /** Always finite, at least 0 and at most `MAX_RETRY_AFTER_MS`, whatever the provider passed. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: RateLimitedErrorOptions = {}) {
    // `details.retryAfterMs` is read too: `errorForCode` rebuilds a serialized error from its details.
    const checked = readErrorOptions(options);
    const asked = (options as { retryAfterMs?: unknown } | null)?.retryAfterMs;
    const retryAfterMs = clampRetryAfterMs(asked ?? checked.details?.retryAfterMs);
    const { retryAfterMs: _unclamped, ...details } = checked.details ?? {};
    super(message, {
      ...checked,
      details: { ...details, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
    });
    this.retryAfterMs = retryAfterMs;
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

/** Why an operation was cancelled: the caller's signal, or the connection being closed. */
export type CancelReason = 'aborted' | 'connection_closed';

export interface CancelledErrorOptions extends ProvisioningErrorOptions {
  /** `'aborted'` (the caller's signal, the default) or `'connection_closed'`. */
  readonly reason?: CancelReason | undefined;
}

/**
 * The operation was stopped before it finished: the caller's `signal` aborted, or its connection was
 * closed. Not retryable as such (the caller chose to stop). For a write that was in flight the
 * outcome is unknown: read before sending it again. `details.reason` says which signal fired.
 */
export class CancelledError extends ProvisioningError {
  static override readonly code: ErrorCode = 'cancelled';
  readonly reason: CancelReason;
  constructor(message: string, options: CancelledErrorOptions = {}) {
    const checked = readErrorOptions(options);
    const reason = readReason((options as { reason?: unknown } | null)?.reason ?? checked.details?.reason);
    super(message, { ...checked, details: { ...checked.details, reason } });
    this.reason = reason;
  }
}

function readReason(value: unknown): CancelReason {
  return value === 'connection_closed' ? 'connection_closed' : 'aborted';
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
  cancelled: CancelledError,
};

/**
 * Builds the error class that belongs to `code` (used by fault injection and deserialization). An
 * unknown code, or a message or options of the wrong type, is refused with `InvalidInputError`.
 */
export function errorForCode(
  code: ErrorCode,
  message: string,
  options: ProvisioningErrorOptions = {},
): ProvisioningError {
  const checked = checkErrorForCodeArguments(code, message, options);
  if (code === 'invalid_input') return new InvalidInputError(message, [], checked);
  const ErrorClass = Object.hasOwn(BY_CODE, code) ? BY_CODE[code] : undefined;
  if (ErrorClass === undefined) {
    throw new InvalidInputError('Invalid code: code must be one of the ERROR_CODES', [
      { path: 'code', message: 'must be one of the ERROR_CODES' },
    ]);
  }
  return new ErrorClass(message, checked);
}

function checkErrorForCodeArguments(
  code: unknown,
  message: unknown,
  options: unknown,
): ProvisioningErrorOptions {
  const issues: InputIssue[] = [];
  if (typeof code !== 'string') issues.push({ path: 'code', message: 'must be one of the ERROR_CODES' });
  if (typeof message !== 'string') issues.push({ path: 'message', message: 'must be a string' });
  const isObject = typeof options === 'object' && options !== null && !Array.isArray(options);
  if (options !== undefined && !isObject) issues.push({ path: 'options', message: 'must be an object' });
  const details = isObject ? (options as { details?: unknown }).details : undefined;
  if (details !== undefined && (typeof details !== 'object' || details === null)) {
    issues.push({ path: 'options.details', message: 'must be an object' });
  }
  if (issues.length > 0) {
    throw new InvalidInputError(`Invalid errorForCode arguments: ${issues[0]!.path}`, issues);
  }
  return (options ?? {}) as ProvisioningErrorOptions;
}
