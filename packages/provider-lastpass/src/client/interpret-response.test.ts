import { describe, expect, it } from 'vitest';
import { interpretResponse, type LastPassOutcome, type WireResponse } from './interpret-response.js';

const XML = { 'content-type': 'text/xml;charset=UTF-8' };
const AUTH_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<lastpass rc="Authorization Error"/>\n';

function interpret(bodyText: string, more: Partial<WireResponse> = {}): LastPassOutcome {
  return interpretResponse({ cmd: 'deluser', httpStatus: 200, headers: new Headers(XML), bodyText, ...more });
}

function errorOf(outcome: LastPassOutcome) {
  if (outcome.kind !== 'error') throw new Error(`expected an error, got ${outcome.kind}`);
  return outcome.error;
}

describe('interpretResponse', () => {
  it('reads the XML authorization error at HTTP 200 as authentication', () => {
    const error = errorOf(interpret(AUTH_XML));
    expect(error.code).toBe('authentication');
    expect(error.provider).toBe('lastpass');
  });

  it('parses JSON whatever the content type says', () => {
    expect(interpret('{"status":"OK"}')).toEqual({ kind: 'ok', body: { status: 'OK' }, info: [] });
  });

  it.each(['OK', 'success', 'Success'])('accepts the success spelling %s', (status) => {
    expect(interpret(JSON.stringify({ status })).kind).toBe('ok');
  });

  it('returns WARN as a partial success with its errors, without throwing', () => {
    const outcome = interpret('{"status":"WARN","errors":["bob@example.com does not exist"]}');
    expect(outcome).toMatchObject({ kind: 'warn', errors: ['bob@example.com does not exist'] });
  });

  it('keeps an informational error of an OK answer as info', () => {
    const outcome = interpret('{"status":"OK","error":"User already disabled: a@example.com"}');
    expect(outcome).toEqual({
      kind: 'ok',
      body: { status: 'OK', error: 'User already disabled: a@example.com' },
      info: ['User already disabled: a@example.com'],
    });
  });

  it.each([
    ['error string', '{"status":"FAIL","error":"No such user: a@example.com"}', 'not_found'],
    ['error array', '{"status":"FAIL","error":["user not found: a@example.com"]}', 'not_found'],
    ['errors array', '{"status":"FAIL","errors":["x@example.com does not exist"]}', 'not_found'],
    ['conflict', '{"status":"FAIL","error":"User already exists"}', 'conflict'],
    ['email in use', '{"status":"FAIL","error":"Email address already in use"}', 'conflict'],
    ['permission', '{"status":"FAIL","error":"You do not have permission"}', 'permission_denied'],
    ['admin wording', '{"status":"FAIL","error":"Cannot delete a super admin"}', 'permission_denied'],
    ['not allowed', '{"status":"FAIL","errors":"Operation not allowed"}', 'permission_denied'],
    ['unknown wording', '{"status":"FAIL","error":"Something odd"}', 'provider_error'],
    ['no text', '{"status":"FAIL"}', 'provider_error'],
  ])('maps FAIL with %s', (_label, body, code) => {
    expect(errorOf(interpret(body)).code).toBe(code);
  });

  it('does not read an email containing "admin" as a permission failure', () => {
    expect(errorOf(interpret('{"status":"FAIL","error":"No such user: admin@example.com"}')).code).toBe(
      'not_found',
    );
  });

  it('keeps FAIL texts, normalized to a list, in details', () => {
    const error = errorOf(interpret('{"status":"FAIL","error":"No such user: a@example.com"}'));
    expect(error.details).toMatchObject({ cmd: 'deluser', messages: ['No such user: a@example.com'] });
  });

  it('treats a status-less JSON object as a data payload', () => {
    const body = { total: 1, count: 1, Users: {} };
    expect(interpret(JSON.stringify(body))).toEqual({ kind: 'ok', body, info: [] });
  });

  it('reads a status-less object holding only error text as a failure', () => {
    expect(errorOf(interpret('{"error":"Invalid page"}')).code).toBe('provider_error');
  });

  it("reads PHP's empty top-level array as an empty payload", () => {
    expect(interpret('[]')).toEqual({ kind: 'ok', body: {}, info: [] });
  });

  it('maps 429 to rate_limited with Retry-After in seconds', () => {
    const error = errorOf(interpret('', { httpStatus: 429, headers: new Headers({ 'retry-after': '3' }) }));
    expect(error.code).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ retryAfterMs: 3000 });
  });

  it('maps 429 with an HTTP-date Retry-After relative to now', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    const headers = new Headers({ 'retry-after': 'Mon, 01 Jan 2024 00:00:05 GMT' });
    const error = errorOf(interpret('', { httpStatus: 429, headers, now }));
    expect(error.details).toMatchObject({ retryAfterMs: 5000 });
  });

  it.each([500, 502, 503])('maps HTTP %i to unavailable', (httpStatus) => {
    expect(errorOf(interpret('<html>busy</html>', { httpStatus })).code).toBe('unavailable');
  });

  it.each([400, 404, 302])('maps other non-2xx (HTTP %i) to provider_error', (httpStatus) => {
    expect(errorOf(interpret('nope', { httpStatus })).code).toBe('provider_error');
  });

  it('maps an unknown status to provider_error', () => {
    expect(errorOf(interpret('{"status":"MAYBE"}')).code).toBe('provider_error');
  });

  it.each([
    ['HTML', '<html><body>Service temporarily unavailable</body></html>'],
    ['truncated JSON', '{"total":4,"count":1,"Users":{"1":{"userna'],
    ['empty body', ''],
    ['JSON scalar', '"OK"'],
  ])('maps an unreadable body (%s) to provider_error with a short excerpt', (_label, body) => {
    const error = errorOf(interpret(body));
    expect(error.code).toBe('provider_error');
    expect(String(error.details?.excerpt).length).toBeLessThanOrEqual(120);
  });

  it('redacts the configured provhash and hash-shaped text from the excerpt', () => {
    const configured = 'canary-provhash-0123456789abcdef';
    const other = 'f'.repeat(64);
    const body = `<html>echo: ${configured} and ${other}</html>`;
    const error = errorOf(interpret(body, { secrets: [configured] }));
    expect(String(error.details?.excerpt)).not.toContain(configured);
    expect(String(error.details?.excerpt)).not.toContain(other);
    expect(String(error.details?.excerpt)).toContain('[REDACTED]');
  });
});
