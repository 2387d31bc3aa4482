import { ProvisioningError } from '../errors/provisioning-error.js';
import type { ExchangeSetup } from './exchange-setup.js';
import type { HttpFailure } from './http-failure.js';
import { readerFailedError, tooLargeError, unreachableError } from './network-errors.js';
import { BodyInterrupted, decodeUtf8, ResponseTooLarge, readPrefix } from './read-body.js';
import type { SenderResponse } from './senders/sender.js';
import { defaultErrorForStatus } from './status-errors.js';

/** Enough of an error answer for its code, message and excerpt, whatever its size. */
const ERROR_BODY_BYTES = 64 * 1024;

/** Why an attempt failed, with what the retry loop needs to decide. */
export interface AttemptFailure {
  readonly error: ProvisioningError;
  /** The request may have reached the server and taken effect (timeout, reset, 5xx). */
  readonly ambiguous: boolean;
  /** The server's `Retry-After` in milliseconds (at most an hour: core's `parseRetryAfter`). */
  readonly retryAfterMs: number | undefined;
}

/** A non-2xx answer as an error: the request's mapper, the client's, then the default table. */
export async function mapFailure<T>(
  setup: ExchangeSetup<T>,
  response: SenderResponse,
  retryAfterMs: number | undefined,
) {
  const bodyText = decodeUtf8(await readPrefix(response.body, ERROR_BODY_BYTES));
  const parsed = safeParse(setup.parseErrorBody, bodyText, response);
  const failure: HttpFailure = {
    ...setup.label,
    status: response.status,
    headers: response.headers,
    bodyText,
    excerpt: setup.redactor.excerpt(bodyText),
    errorBody:
      parsed === undefined
        ? undefined
        : {
            ...(parsed.code === undefined ? {} : { code: setup.redactor.excerpt(parsed.code, 64) }),
            ...(parsed.message === undefined ? {} : { message: setup.redactor.excerpt(parsed.message) }),
          },
    retryAfterMs,
  };
  for (const mapper of setup.mappers) {
    const mapped = mapper(failure);
    if (mapped !== undefined) return mapped;
  }
  return defaultErrorForStatus(failure);
}

function safeParse<T>(parser: ExchangeSetup<T>['parseErrorBody'], text: string, response: SenderResponse) {
  try {
    return parser(text, response.headers);
  } catch {
    return undefined;
  }
}

/** What went wrong when no usable answer came (or the reader broke on it). */
export function failureOf<T>(
  setup: ExchangeSetup<T>,
  caught: unknown,
  status: number | null,
  timedOut: boolean,
): AttemptFailure {
  const known = { ambiguous: false, retryAfterMs: undefined };
  if (caught instanceof ResponseTooLarge) {
    return { error: tooLargeError(setup.label, status ?? 0, caught.limitBytes), ...known };
  }
  if (!timedOut && ProvisioningError.is(caught)) return { error: caught, ...known };
  if (!timedOut && status !== null && !(caught instanceof BodyInterrupted)) {
    // The answer came but the reader broke on it: a bug in provider code, not a network fault.
    return { error: readerFailedError(setup.label, status, caught), ...known };
  }
  const { error, sent } = unreachableError(
    setup.label,
    timedOut ? 'timeout' : 'network',
    caught,
    setup.timeoutMs,
  );
  // Cut off during a 4xx body: the server had refused. During a 2xx or 5xx, or before any status,
  // the write may have taken effect.
  const refused = status !== null && status >= 300 && status < 500;
  return { error, ambiguous: sent && !refused, retryAfterMs: undefined };
}
