import { describe, expect, it } from 'vitest';
import { parseJsonErrorBody } from './error-body.js';

const headers = new Headers();

describe('parseJsonErrorBody', () => {
  it.each([
    ['{"error":"login_taken","message":"taken"}', { code: 'login_taken', message: 'taken' }],
    ['{"error":{"code":"E42","message":"bad"}}', { code: 'E42', message: 'bad' }],
    ['{"code":409,"message":"dup"}', { code: '409', message: 'dup' }],
    [
      '{"error":"invalid_grant","error_description":"expired"}',
      { code: 'invalid_grant', message: 'expired' },
    ],
    ['{"type":"about:blank","title":"Conflict","detail":"exists"}', { message: 'exists' }],
    ['{"errors":[{"code":"x","message":"first"},{"message":"second"}]}', { code: 'x', message: 'first' }],
    ['{"error":"has spaces, not a code"}', {}],
  ])('reads %s', (text, expected) => {
    expect(parseJsonErrorBody(text, headers) ?? {}).toEqual(expected);
  });

  it('gives undefined for non-JSON, arrays and objects without error fields', () => {
    for (const text of ['', 'oops', '[1]', '{"data":1}', '{"broken"']) {
      expect(parseJsonErrorBody(text, headers)).toBeUndefined();
    }
  });
});
