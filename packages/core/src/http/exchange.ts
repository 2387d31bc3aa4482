import { ProvisioningError } from '../errors/provisioning-error.js';
import { parseRetryAfter } from '../errors/retry-after.js';
import { AttemptSignal } from './attempt-signal.js';
import type { Clock } from './clock.js';
import type { EchoRedactor } from './echo-redactor.js';
import type { ErrorBodyParser } from './error-body.js';
import type { ErrorMapper, HttpFailure } from './http-failure.js';
import { HttpResponse } from './http-response.js';
import type { AdaptiveLimiter } from './limiter/adaptive-limiter.js';
import {
  type RequestLabel,
  readerFailedError,
  redirectError,
  tooLargeError,
  unreachableError,
} from './network-errors.js';
import { BodyInterrupted, decodeUtf8, ResponseTooLarge, readPrefix } from './read-body.js';
import type { ResponseReader } from './response-readers.js';
import type { HttpSender, SenderResponse } from './senders/sender.js';
import { defaultErrorForStatus } from './status-errors.js';

/** Enough of an error answer for its code, message and excerpt, whatever its size. */
const ERROR_BODY_BYTES = 64 * 1024;

/** Everything one attempt needs; built once per request by the client. */
export interface ExchangeSetup<T> {
  readonly label: RequestLabel;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly sender: HttpSender;
  readonly limiter: AdaptiveLimiter;
  readonly clock: Clock;
  readonly redactor: EchoRedactor;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly read: ResponseReader<T>;
  /** Tried in order (the request's, then the client's); the default table comes last. */
  readonly mappers: readonly ErrorMapper[];
  readonly parseErrorBody: ErrorBodyParser;
  readonly signal: AbortSignal | undefined;
}

/** Why an attempt failed, with what the retry loop needs to decide. */
export interface AttemptFailure {
  readonly error: ProvisioningError;
  /** The request may have reached the server and taken effect (timeout, reset, 5xx). */
  readonly ambiguous: boolean;
  /** The server's `Retry-After` in milliseconds (at most an hour: core's `parseRetryAfter`). */
  readonly retryAfterMs: number | undefined;
}

export type AttemptResult<T> = { readonly status: number | null; readonly durationMs: number } & (
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'failed'; readonly failure: AttemptFailure }
  | { readonly kind: 'cancelled' }
);

/**
 * One attempt: a limiter slot, the send, and the answer read within the timeout and the size cap.
 * Never throws except for the limiter's cancellation; every other end is a result.
 */
export async function exchange<T>(
  setup: ExchangeSetup<T>,
  body: string | Uint8Array | undefined,
): Promise<AttemptResult<T>> {
  const permit = await setup.limiter.acquire(setup.signal);
  const started = setup.clock.now();
  const attempt = new AttemptSignal(setup.signal, setup.timeoutMs, setup.clock);
  let status: number | null = null;
  let throttled = false;
  let retryAfterMs: number | undefined;
  const end = <R extends object>(result: R) => ({
    status,
    durationMs: Math.round(setup.clock.now() - started),
    ...result,
  });
  try {
    const response = await setup.sender({
      url: setup.url,
      method: setup.label.method,
      headers: setup.headers,
      body,
      signal: attempt.signal,
    });
    status = response.status;
    if (status >= 200 && status <= 299) {
      return end({ kind: 'ok' as const, value: await readSuccess(setup, response) });
    }
    retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), setup.clock.date());
    throttled = status === 429 || status === 503 || retryAfterMs !== undefined;
    if (status >= 300 && status <= 399) {
      await abandon(response);
      return end({
        kind: 'failed' as const,
        failure: { error: redirectError(setup.label, status), ambiguous: false, retryAfterMs },
      });
    }
    const error = await mapFailure(setup, response, retryAfterMs);
    // A 5xx may come from a proxy after the server applied the write; a 4xx is a refusal.
    return end({ kind: 'failed' as const, failure: { error, ambiguous: status >= 500, retryAfterMs } });
  } catch (caught) {
    if (attempt.cancelled) return end({ kind: 'cancelled' as const });
    return end({ kind: 'failed' as const, failure: failureOf(setup, caught, status, attempt.timedOut) });
  } finally {
    attempt.dispose();
    permit.release({ throttled, retryAfterMs });
  }
}

async function readSuccess<T>(setup: ExchangeSetup<T>, source: SenderResponse): Promise<T> {
  const response = new HttpResponse(
    source,
    setup.url,
    setup.label.provider,
    setup.maxResponseBytes,
    setup.redactor,
  );
  const value = await setup.read(response);
  await response.discard();
  return value;
}

async function mapFailure<T>(
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

function failureOf<T>(
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

async function abandon(response: SenderResponse): Promise<void> {
  await response.body?.[Symbol.asyncIterator]().return?.();
}
