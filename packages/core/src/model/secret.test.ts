import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isSecretSchema, secret } from './secret.js';
import { isSecretField, REDACTED } from './sensitivity.js';

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

  it('exposes the censor text', () => {
    expect(REDACTED).toBe('[REDACTED]');
  });
});
