import { ProviderError, UnavailableError } from '../errors/error-classes.js';

// Failures after which the request cannot have reached the server: nothing was sent.
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export interface RequestLabel {
  readonly provider: string;
  readonly method: string;
  readonly path: string;
}

/**
 * The error for a request that got no (complete) answer. The platform's error is not kept as
 * `cause`: some stacks describe the request there, body and credentials included. Only its short
 * system code (`ECONNRESET`) is, in `details.errorCode`.
 */
export function unreachableError(
  label: RequestLabel,
  reason: 'timeout' | 'network',
  error: unknown,
  timeoutMs: number,
): { error: UnavailableError; sent: boolean } {
  const code = systemErrorCode(error);
  const message =
    reason === 'timeout'
      ? `${label.provider} did not answer ${label.method} ${label.path} within ${timeoutMs} ms`
      : `${label.provider} could not be reached for ${label.method} ${label.path}`;
  const details = {
    reason,
    method: label.method,
    path: label.path,
    ...(code === undefined ? {} : { errorCode: code }),
  };
  const sent = reason === 'timeout' || code === undefined || !NEVER_SENT.has(code);
  return { error: new UnavailableError(message, { provider: label.provider, details }), sent };
}

/** A 3xx: never followed, since a redirect could replay the credentials to another place. */
export function redirectError(label: RequestLabel, status: number): ProviderError {
  return new ProviderError(
    `${label.provider} answered ${label.method} ${label.path} with a redirect (HTTP ${status}), which is not followed`,
    {
      provider: label.provider,
      details: { reason: 'redirect', httpStatus: status, method: label.method, path: label.path },
    },
  );
}

/** A body past the connection's cap: the exchange was cut off there. */
export function tooLargeError(label: RequestLabel, status: number, limitBytes: number): ProviderError {
  return new ProviderError(
    `${label.provider} answered ${label.method} ${label.path} with more than ${limitBytes} bytes`,
    {
      provider: label.provider,
      details: {
        reason: 'response_too_large',
        httpStatus: status,
        limitBytes,
        method: label.method,
        path: label.path,
      },
    },
  );
}

/** A reader that failed with something other than a `ProvisioningError` (a bug in provider code). */
export function readerFailedError(label: RequestLabel, status: number, error: unknown): ProviderError {
  const name = error instanceof Error ? error.name.slice(0, 64) : typeof error;
  return new ProviderError(`${label.provider} answer to ${label.method} ${label.path} could not be read`, {
    provider: label.provider,
    details: {
      reason: 'reader_failed',
      httpStatus: status,
      errorName: name,
      method: label.method,
      path: label.path,
    },
  });
}

function systemErrorCode(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
