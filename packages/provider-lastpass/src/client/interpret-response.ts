import {
  AuthenticationError,
  ProviderError,
  type ProvisioningError,
  parseRetryAfter,
  RateLimitedError,
  UnavailableError,
} from '@provisionkit/core';
import { EchoRedactor, type ResponseHeaders } from '@provisionkit/core/http';
import { errorForFailureText, errorTexts } from './failure-text.js';

export const PROVIDER_ID = 'lastpass';

/** Longest excerpt of an unreadable answer kept in an error's details. */
export const EXCERPT_MAX_CHARS = 120;

/** What one LastPass answer means. `warn` is a partial success: returned, not thrown. */
export type LastPassOutcome =
  | { readonly kind: 'ok'; readonly body: Record<string, unknown>; readonly info: string[] }
  | { readonly kind: 'warn'; readonly body: Record<string, unknown>; readonly errors: string[] }
  | { readonly kind: 'error'; readonly error: ProvisioningError };
export type LastPassSuccess = Exclude<LastPassOutcome, { kind: 'error' }>;

export interface WireResponse {
  readonly cmd: string;
  readonly httpStatus: number;
  readonly headers: ResponseHeaders;
  readonly bodyText: string;
  /**
   * Values to hide from excerpts and messages, whole, encoded or in large part: the connection's
   * provhash and the secrets the request carried (passwords). A redactor is built from them only
   * when the answer has text to scrub.
   */
  readonly secrets?: readonly string[] | (() => readonly string[]);
  /** Clock for `Retry-After` dates; injectable for tests. */
  readonly now?: number;
}

// The only auth failure LastPass reports: `<lastpass rc="Authorization Error"/>` at HTTP 200.
const AUTH_ERROR = /\brc\s*=\s*["']Authorization Error["']/i;
const SUCCESS = new Set(['ok', 'success']);

/**
 * The one place a LastPass wire answer becomes a result or a core error. The content type is
 * ignored (LastPass labels JSON as text/xml) and HTTP 200 proves nothing: the body decides.
 */
export function interpretResponse(input: WireResponse): LastPassOutcome {
  const { cmd, httpStatus } = input;
  let redactor: EchoRedactor | undefined;
  const secrets = () => {
    const given = input.secrets;
    redactor ??= new EchoRedactor((typeof given === 'function' ? given() : given) ?? []);
    return redactor;
  };
  const base = { provider: PROVIDER_ID } as const;
  if (httpStatus === 429) {
    const retryAfterMs = parseRetryAfter(input.headers.get('retry-after'), input.now);
    const details = { cmd, httpStatus };
    return failed(new RateLimitedError(`LastPass throttled ${cmd}`, { ...base, retryAfterMs, details }));
  }
  if (httpStatus >= 500) {
    const details = { cmd, reason: 'server_error', httpStatus };
    return failed(
      new UnavailableError(`LastPass answered ${cmd} with HTTP ${httpStatus}`, { ...base, details }),
    );
  }
  const text = input.bodyText.replace(/^\uFEFF/, '').trim();
  if (httpStatus < 200 || httpStatus > 299) {
    const details = {
      cmd,
      reason: 'http_status',
      httpStatus,
      excerpt: secrets().excerpt(text, EXCERPT_MAX_CHARS),
    };
    return failed(
      new ProviderError(`LastPass answered ${cmd} with HTTP ${httpStatus}`, { ...base, details }),
    );
  }
  // Only a markup body can be that document: JSON data may quote the phrase (a user's fullname, an
  // event's Data) and must not turn a listing into an authentication failure.
  if (text.startsWith('<') && AUTH_ERROR.test(text)) {
    const message = 'LastPass refused the credentials (company id or provisioning hash)';
    return failed(new AuthenticationError(message, { ...base, details: { cmd } }));
  }
  const parsed = parseJson(text);
  // PHP encodes an empty associative array as `[]` (a company with no shared folders, for instance).
  if (Array.isArray(parsed) && parsed.length === 0) return { kind: 'ok', body: {}, info: [] };
  if (!isRecord(parsed)) {
    const details = {
      cmd,
      reason: 'unreadable_body',
      httpStatus,
      excerpt: secrets().excerpt(text, EXCERPT_MAX_CHARS),
    };
    return failed(new ProviderError(`LastPass sent an unreadable answer to ${cmd}`, { ...base, details }));
  }
  const raw = errorTexts(parsed);
  const texts = raw.length === 0 ? raw : raw.map((item) => secrets().text(item));
  // The texts stay in the body too (a `warn` result, `call`'s answer): scrubbed there as well.
  const body = raw.length === 0 ? parsed : withScrubbedTexts(parsed, secrets());
  if (!('status' in body)) {
    // [U] A status-less object holding only error text (seen past the last getuserdata page) is a failure.
    if (texts.length > 0 && Object.keys(body).every((key) => key === 'error' || key === 'errors')) {
      return failure(cmd, texts, secrets());
    }
    return { kind: 'ok', body, info: [] };
  }
  const status = typeof body.status === 'string' ? body.status.trim().toLowerCase() : '';
  if (SUCCESS.has(status)) return { kind: 'ok', body, info: texts };
  if (status === 'warn') return { kind: 'warn', body, errors: texts };
  if (status === 'fail') return failure(cmd, texts, secrets());
  const details = {
    cmd,
    reason: 'unknown_status',
    status: secrets().excerpt(String(body.status), 40),
  };
  return failed(new ProviderError(`LastPass answered ${cmd} with an unknown status`, { ...base, details }));
}

function failure(cmd: string, texts: readonly string[], redactor: EchoRedactor): LastPassOutcome {
  const messages = texts.map((item) => redactor.excerpt(item, 200));
  const details = { cmd, status: 'FAIL', messages };
  return failed(errorForFailureText(texts, `LastPass ${cmd} failed`, { provider: PROVIDER_ID, details }));
}

/** `error` / `errors` as sent (string, number or array), each text scrubbed. */
function withScrubbedTexts(body: Record<string, unknown>, redactor: EchoRedactor): Record<string, unknown> {
  const scrub = (value: unknown): unknown =>
    typeof value === 'string' ? redactor.text(value) : Array.isArray(value) ? value.map(scrub) : value;
  const out = { ...body };
  if ('error' in out) out.error = scrub(out.error);
  if ('errors' in out) out.errors = scrub(out.errors);
  return out;
}

function failed(error: ProvisioningError): LastPassOutcome {
  return { kind: 'error', error };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
