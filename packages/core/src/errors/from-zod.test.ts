import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invalidInputFromZod, issuePath, parseInput } from './from-zod.js';

const Schema = z.object({ email: z.email(), age: z.number().int() });

describe('issuePath', () => {
  it('prefixes the argument name and joins with dots', () => {
    expect(issuePath('batch', [2, 'email'])).toBe('batch.2.email');
  });

  it('drops an empty prefix', () => {
    expect(issuePath('', ['plugins', 0, 'id'])).toBe('plugins.0.id');
  });
});

describe('invalidInputFromZod', () => {
  it('lists one issue per failing field under the argument name', () => {
    const result = Schema.safeParse({ email: 'nope', age: 1.5 });
    if (result.success) throw new Error('expected failure');
    const error = invalidInputFromZod(result.error, { argument: 'input', provider: 'mock' });
    expect(error.code).toBe('invalid_input');
    expect(error.provider).toBe('mock');
    expect(error.issues.map((issue) => issue.path)).toEqual(['input.email', 'input.age']);
  });

  it('states a failure of the whole argument without an empty path before it', () => {
    const result = Schema.safeParse(undefined);
    if (result.success) throw new Error('expected failure');
    const error = invalidInputFromZod(result.error, { argument: '', what: 'connect input' });
    expect(error.message).toBe('Invalid connect input: Invalid input: expected object, received undefined');
  });

  it('never echoes the received value', () => {
    const result = Schema.safeParse({ email: 'secret-looking-value-123', age: 'also-received-456' });
    if (result.success) throw new Error('expected failure');
    const json = JSON.stringify(invalidInputFromZod(result.error, { argument: 'input' }));
    expect(json).not.toContain('secret-looking-value-123');
    expect(json).not.toContain('also-received-456');
  });
});

describe('parseInput', () => {
  it('returns the parsed value', () => {
    expect(parseInput(Schema, { email: 'a@example.com', age: 3 }, { argument: 'input' })).toEqual({
      email: 'a@example.com',
      age: 3,
    });
  });

  it.each([[undefined], [null], [42], ['text']])(
    'throws InvalidInputError, not TypeError, for %o',
    (value) => {
      expect(() => parseInput(Schema, value, { argument: 'input' })).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    },
  );
});
