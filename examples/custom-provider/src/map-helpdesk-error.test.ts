import { type ErrorCode, NotFoundError, RateLimitedError } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import { HelpdeskApiFailure } from './helpdesk-api.js';
import { mapHelpdeskError } from './map-helpdesk-error.js';

describe('mapHelpdeskError', () => {
  const table: [number, ErrorCode][] = [
    [401, 'authentication'],
    [403, 'permission_denied'],
    [404, 'not_found'],
    [409, 'conflict'],
    [422, 'invalid_input'],
    [429, 'rate_limited'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [0, 'unavailable'],
    [418, 'provider_error'],
  ];
  it.each(table)('maps status %i to %s', (status, code) => {
    const error = mapHelpdeskError(new HelpdeskApiFailure(status, 'some_error'));
    expect(error.code).toBe(code);
    expect(error.provider).toBe('helpdesk');
  });

  it('marks no answer and 5xx as retryable, a conflict as not', () => {
    expect(mapHelpdeskError(new HelpdeskApiFailure(0, 'no_answer')).retryable).toBe(true);
    expect(mapHelpdeskError(new HelpdeskApiFailure(502, 'bad_gateway')).retryable).toBe(true);
    expect(mapHelpdeskError(new HelpdeskApiFailure(409, 'login_taken')).retryable).toBe(false);
  });

  it('passes Retry-After on as retryAfterMs', () => {
    const error = mapHelpdeskError(new HelpdeskApiFailure(429, 'slow_down', { retryAfterSeconds: 3 }));
    expect(RateLimitedError.is(error) && error.retryAfterMs).toBe(3000);
  });

  it("never copies Helpdesk's message text, which may quote the token", () => {
    const message = 'The token hd_0123456789abcdef is not valid';
    const error = mapHelpdeskError(new HelpdeskApiFailure(401, 'invalid_token', { message }));
    expect(error.code).toBe('authentication');
    expect(JSON.stringify(error)).not.toContain('hd_0123456789abcdef');
    expect(String(error)).not.toContain('hd_0123456789abcdef');
  });

  it('maps the plain failure body of a bulk item like a thrown failure', () => {
    expect(mapHelpdeskError({ status: 409, error: 'login_taken' }).code).toBe('conflict');
  });

  it('turns anything else into provider_error, keeping it as the cause', () => {
    const surprise = new TypeError('undefined is not a function');
    const error = mapHelpdeskError(surprise);
    expect(error.code).toBe('provider_error');
    expect(error.cause).toBe(surprise);
  });

  it('returns a provisioning error unchanged', () => {
    const notFound = new NotFoundError('gone', { provider: 'helpdesk' });
    expect(mapHelpdeskError(notFound)).toBe(notFound);
  });
});
