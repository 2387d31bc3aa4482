import type { ErrorMapper, HttpFailure, HttpResponse, ResponseReader } from '@provisionkit/core/http';
import { interpretResponse, type LastPassSuccess } from './interpret-response.js';

/**
 * LastPass's quirks as a response reader for core's HTTP client: HTTP 200 proves nothing (a
 * failure is a `FAIL` status in the body, a credential failure an XML document), so every 2xx
 * answer goes through `interpretResponse`, which returns an `ok` or `warn` result or throws the
 * typed error. `secrets`: the provhash and the request's passwords, hidden from what it keeps.
 */
export function lastPassReader(cmd: string, secrets: readonly string[]): ResponseReader<LastPassSuccess> {
  return async (response: HttpResponse) => {
    const outcome = interpretResponse({
      cmd,
      httpStatus: response.status,
      headers: response.headers,
      bodyText: await response.text(),
      secrets,
    });
    if (outcome.kind === 'error') throw outcome.error;
    return outcome;
  };
}

/**
 * LastPass's status table for non-2xx answers, in place of core's REST one: 429 and 5xx as core
 * reads them (throttled, unavailable), anything else (a 404 from a proxy, a 3xx never followed)
 * `provider_error` with `reason: 'http_status'`: the API itself never answers those, so they say
 * nothing about the user a command named.
 */
export function lastPassStatusError(cmd: string, secrets: readonly string[]): ErrorMapper {
  return (failure: HttpFailure) => {
    const outcome = interpretResponse({
      cmd,
      httpStatus: failure.status,
      headers: failure.headers,
      bodyText: failure.bodyText,
      secrets,
    });
    return outcome.kind === 'error' ? outcome.error : undefined;
  };
}
