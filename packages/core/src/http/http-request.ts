import type { Context } from '@opentelemetry/api';
import type { ProvisioningError } from '../errors/provisioning-error.js';
import type { ErrorMapper } from './http-failure.js';
import type { ResponseReader } from './response-readers.js';
import type { RetryPolicyInput } from './retry-policy.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number | boolean)[];

/** A request body: JSON, a URL-encoded form, or raw text/bytes (set `content-type` yourself). */
export interface RequestBody {
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string>> | undefined;
  readonly body?: string | Uint8Array | undefined;
}

/** What the server holds after an ambiguous write, as a `settle` hook found out by reading. */
export type Settlement<T> =
  /** The write took effect; `value` stands for its answer. */
  | { readonly status: 'applied'; readonly value: T }
  /** It did not (or only partly): the request may be sent again, with `resend` as its new body. */
  | { readonly status: 'not_applied'; readonly resend?: RequestBody | undefined }
  /** Reading could not tell. The write's error is thrown, marked `writeOutcome: 'unknown'`. */
  | { readonly status: 'unknown' };

export interface SettleContext {
  /** The attempt that failed ambiguously (1-based). */
  readonly attempt: number;
  readonly error: ProvisioningError;
  /** The request's signal: pass it to the reads the hook makes. */
  readonly signal: AbortSignal | undefined;
}

/** Reads what the server holds after a write whose outcome is unknown (timeout, reset, 5xx). */
export type SettleHook<T> = (context: SettleContext) => Promise<Settlement<T>>;

export interface HttpRequest<T> extends RequestBody {
  readonly method: HttpMethod;
  /**
   * Relative to the base URL, starting with `/`, with `{name}` placeholders filled from `params`
   * (each value percent-encoded, so a user name cannot change the path). An absolute URL is
   * accepted only on the base URL's origin (a `Link` next page). The log shows the template.
   */
  readonly path: string;
  readonly params?: Readonly<Record<string, string | number>> | undefined;
  readonly query?: Readonly<Record<string, QueryValue>> | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Turns a 2xx answer into the result; the default parses JSON. */
  readonly read?: ResponseReader<T> | undefined;
  /**
   * May a request whose outcome is unknown be sent again as it is? Defaults to HTTP's answer:
   * true for GET, HEAD, OPTIONS, PUT and DELETE, false for POST and PATCH.
   */
  readonly idempotent?: boolean | undefined;
  /** For a non-idempotent write: decides, by reading, what an ambiguous failure left behind. */
  readonly settle?: SettleHook<T> | undefined;
  /** Tried before the client's mapper and the default status table. */
  readonly mapError?: ErrorMapper | undefined;
  /** Overrides fields of the client's retry policy for this request. */
  readonly retry?: RetryPolicyInput | undefined;
  /** Overrides the client's per-attempt timeout. */
  readonly timeoutMs?: number | undefined;
  /** Further values to keep out of logs and errors (a new user's initial password). */
  readonly secrets?: readonly string[] | undefined;
  /**
   * A name for the log line and the attempts' spans (`listAgents`, or an RPC API's command such as
   * `getuserdata`); the method and path template are logged anyway.
   */
  readonly operation?: string | undefined;
  /**
   * Added to the details of every error this request throws (an RPC API's command name, when the
   * path is the same for every call). Keep it to names and counts: never values of the request.
   */
  readonly errorDetails?: Readonly<Record<string, string | number | boolean>> | undefined;
  readonly signal?: AbortSignal | undefined;
  /**
   * The 2xx body is received within the attempt (its timeout and limiter slot end there) but handed
   * to the reader only once this settles: a page requested ahead then waits as bytes, outside the
   * JavaScript heap, instead of as parsed objects that outlive the young generation. Failures the
   * reader finds still go through the retry policy. An abort of `signal` ends the wait.
   */
  readonly readAfter?: PromiseLike<unknown> | undefined;
  /**
   * Parent of the attempts' spans. Default: the span of the directory operation whose signal this
   * request carries (no context manager needed), else the active context.
   */
  readonly traceContext?: Context | undefined;
}

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export function isIdempotentRequest(request: Pick<HttpRequest<unknown>, 'method' | 'idempotent'>): boolean {
  return request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
}
