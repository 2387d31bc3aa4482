import { ProvisioningError, UnavailableError } from '@provisionkit/core';
import { PROVIDER_ID } from './interpret-response.js';
import { readBoundedText } from './read-body.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportSettings {
  readonly baseUrl: string;
  readonly cid: number;
  readonly provhash: string;
  readonly apiUser?: string | undefined;
  readonly timeoutMs: number;
  /** Most body bytes read from one answer; past it the exchange is aborted (`response_too_large`). */
  readonly maxResponseBytes: number;
  /** Defaults to the global `fetch`, looked up per call so HTTP interceptors installed later apply. */
  readonly fetch?: FetchLike | undefined;
}

export interface TransportRequest {
  readonly cmd: string;
  readonly data?: unknown;
  readonly signal?: AbortSignal | undefined;
}

export interface TransportResponse {
  readonly httpStatus: number;
  readonly headers: Headers;
  readonly bodyText: string;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * One POST per call with the credentials in the body (the API has no auth header). Network failures
 * become `UnavailableError` WITHOUT the underlying error as `cause`: some fetch stacks (and test
 * interceptors) describe the request, body included, in their messages, and the body holds the
 * provhash. Only a short system error code (`ECONNRESET`) is kept. A caller's own abort is rethrown
 * as its `reason`: it is a decision, not a provider failure.
 */
export function createTransport(settings: TransportSettings): Transport {
  const doFetch: FetchLike = settings.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async ({ cmd, data, signal }) => {
    const body = JSON.stringify({
      cid: settings.cid,
      provhash: settings.provhash,
      cmd,
      ...(data === undefined ? {} : { data }),
      ...(settings.apiUser === undefined ? {} : { apiuser: settings.apiUser }),
    });
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    // Ends the exchange (socket included) when the answer outgrows `maxResponseBytes`.
    const oversize = new AbortController();
    const signals = signal === undefined ? [timeout, oversize.signal] : [signal, timeout, oversize.signal];
    const combined = AbortSignal.any(signals);
    try {
      const response = await doFetch(settings.baseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/xml' },
        body,
        signal: combined,
        // A 307/308 would replay the body (provhash included) to wherever it points, maybe over
        // plain http: never follow; the 3xx reaches the interpreter as an unexpected status.
        redirect: 'manual',
      });
      const bodyText = await readBoundedText(
        response,
        settings.maxResponseBytes,
        () => oversize.abort(),
        cmd,
      );
      return { httpStatus: response.status, headers: response.headers, bodyText };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (ProvisioningError.is(error)) throw error;
      const reason = timeout.aborted ? 'timeout' : 'network';
      const message =
        reason === 'timeout'
          ? `LastPass did not answer ${cmd} within ${settings.timeoutMs} ms`
          : `LastPass could not be reached for ${cmd}`;
      const code = systemErrorCode(error);
      const details = { cmd, reason, ...(code === undefined ? {} : { errorCode: code }) };
      throw new UnavailableError(message, { provider: PROVIDER_ID, details });
    }
  };
}

function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== undefined && depth < 4; depth++) {
    if (typeof current !== 'object' || current === null) return undefined;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
