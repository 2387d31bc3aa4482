import {
  AuthenticationError,
  ProviderError,
  type ProvisioningError,
  RateLimitedError,
  UnavailableError,
} from '@provisionkit/core';
import { errorForFailureText, errorTexts } from './failure-text.js';
import { redactedExcerpt, redactText } from './redact.js';
import { parseRetryAfter } from './retry-after.js';

export const PROVIDER_ID = 'lastpass';

/** What one LastPass answer means. `warn` is a partial success: returned, not thrown. */
export type LastPassOutcome =
  | { readonly kind: 'ok'; readonly body: Record<string, unknown>; readonly info: string[] }
  | { readonly kind: 'warn'; readonly body: Record<string, unknown>; readonly errors: string[] }
  | { readonly kind: 'error'; readonly error: ProvisioningError };
export type LastPassSuccess = Exclude<LastPassOutcome, { kind: 'error' }>;

export interface WireResponse {
  readonly cmd: string;
  readonly httpStatus: number;
  readonly headers: Headers;
  readonly bodyText: string;
  /** Values to hide from excerpts and messages (the connection's provhash). */
  readonly secrets?: readonly string[];
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
  const secrets = input.secrets ?? [];
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
    const details = { cmd, reason: 'http_status', httpStatus, excerpt: redactedExcerpt(text, secrets) };
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
    const details = { cmd, reason: 'unreadable_body', httpStatus, excerpt: redactedExcerpt(text, secrets) };
    return failed(new ProviderError(`LastPass sent an unreadable answer to ${cmd}`, { ...base, details }));
  }
  const texts = errorTexts(parsed).map((item) => redactText(item, secrets));
  if (!('status' in parsed)) {
    // [U] A status-less object holding only error text (seen past the last getuserdata page) is a failure.
    if (texts.length > 0 && Object.keys(parsed).every((key) => key === 'error' || key === 'errors')) {
      return failure(cmd, texts, secrets);
    }
    return { kind: 'ok', body: parsed, info: [] };
  }
  const status = typeof parsed.status === 'string' ? parsed.status.trim().toLowerCase() : '';
  if (SUCCESS.has(status)) return { kind: 'ok', body: parsed, info: texts };
  if (status === 'warn') return { kind: 'warn', body: parsed, errors: texts };
  if (status === 'fail') return failure(cmd, texts, secrets);
  const details = {
    cmd,
    reason: 'unknown_status',
    status: redactedExcerpt(String(parsed.status), secrets, 40),
  };
  return failed(new ProviderError(`LastPass answered ${cmd} with an unknown status`, { ...base, details }));
}

function failure(cmd: string, texts: readonly string[], secrets: readonly string[]): LastPassOutcome {
  const messages = texts.map((item) => redactedExcerpt(item, secrets, 200));
  const details = { cmd, status: 'FAIL', messages };
  return failed(errorForFailureText(texts, `LastPass ${cmd} failed`, { provider: PROVIDER_ID, details }));
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
