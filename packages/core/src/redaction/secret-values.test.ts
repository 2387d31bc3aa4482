import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { secret } from '../model/secret.js';
import { secretValuesOf } from './secret-values.js';

describe('secretValuesOf', () => {
  it('returns the values of secret-marked fields', () => {
    const schema = z.object({ cid: z.string(), provhash: secret(z.string()) });
    expect(secretValuesOf(schema, { cid: '1234', provhash: 'hash-value-1' })).toEqual(['hash-value-1']);
  });

  it('unwraps optional, nullable, default and pipe at any depth', () => {
    const schema = z.object({
      auth: z
        .object({
          apiKey: secret(z.string()).optional(),
          backup: z.object({ token: secret(z.string()).nullable() }).default({ token: null }),
        })
        .optional(),
      url: z.string().transform((value) => value.toLowerCase()),
      piped: secret(z.string()).pipe(z.string().min(1)),
    });
    const config = {
      auth: { apiKey: 'key-1111', backup: { token: 'tok-2222' } },
      url: 'HTTP://X',
      piped: 'pipe-3333',
    };
    expect(secretValuesOf(schema, config).sort()).toEqual(['key-1111', 'pipe-3333', 'tok-2222']);
  });

  it('finds secrets inside arrays and union options', () => {
    const schema = z.object({
      keys: z.array(z.object({ value: secret(z.string()) })),
      mode: z.union([z.object({ password: secret(z.string()) }), z.object({ cert: z.string() })]),
    });
    const config = { keys: [{ value: 'first-key' }, { value: 'second-key' }], mode: { password: 'pw-4444' } };
    expect(secretValuesOf(schema, config).sort()).toEqual(['first-key', 'pw-4444', 'second-key']);
  });

  it('takes every string inside a secret-marked object', () => {
    const schema = z.object({ credentials: secret(z.object({ user: z.string(), pass: z.string() })) });
    expect(secretValuesOf(schema, { credentials: { user: 'u-5555', pass: 'p-6666' } }).sort()).toEqual([
      'p-6666',
      'u-5555',
    ]);
  });

  it('tolerates missing or malformed config', () => {
    const schema = z.object({ nested: z.object({ provhash: secret(z.string()) }) });
    expect(secretValuesOf(schema, undefined)).toEqual([]);
    expect(secretValuesOf(schema, { nested: 'not an object' })).toEqual([]);
    expect(secretValuesOf(schema, 42)).toEqual([]);
  });
});
