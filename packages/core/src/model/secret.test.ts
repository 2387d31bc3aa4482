import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isSecretSchema, secret } from './secret.js';
import { FIELD_SENSITIVITY, isSecretField, REDACTED } from './sensitivity.js';

describe('secret', () => {
  it('marks the schema it returns', () => {
    const schema = secret(z.string());
    expect(isSecretSchema(schema)).toBe(true);
    expect(schema.parse('value')).toBe('value');
  });

  it('leaves other schemas unmarked', () => {
    expect(isSecretSchema(z.string())).toBe(false);
  });
});

describe('isSecretField', () => {
  it('matches secret field names case-insensitively', () => {
    expect(isSecretField('password')).toBe(true);
    expect(isSecretField('provhash')).toBe(true);
    expect(isSecretField('apiKey')).toBe(true);
    expect(isSecretField('Authorization')).toBe(true);
  });

  it('does not treat personal or ordinary fields as secret', () => {
    expect(isSecretField('email')).toBe(false);
    expect(isSecretField('status')).toBe(false);
  });

  it('answers the same when asked again, also after more distinct keys than it remembers', () => {
    const keys = ['apiKey', 'userName', 'PASSWORD', 'token', 'givenName'];
    const first = keys.map(isSecretField);
    for (let index = 0; index < 3_000; index++) isSecretField(`field${index}`);
    expect(keys.map(isSecretField)).toEqual(first);
    expect(first).toEqual([true, false, true, true, false]);
  });

  it('refuses a key that is not text, asked once or twice', () => {
    for (let ask = 0; ask < 2; ask++) {
      expect(() => isSecretField(7 as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });

  it('keeps its table fixed, so remembered answers cannot go stale', () => {
    expect(Object.isFrozen(FIELD_SENSITIVITY)).toBe(true);
  });

  it('exposes the censor text', () => {
    expect(REDACTED).toBe('[REDACTED]');
  });
});
