import { describe, expect, it } from 'vitest';
import { secretStringsIn } from './secret-strings.js';

describe('secretStringsIn', () => {
  it('collects strings under secret field names at any depth', () => {
    const input = [{ userName: 'a', password: 'pw-one' }, { nested: { apiKey: { value: 'key-two' } } }];
    expect(secretStringsIn(input).sort()).toEqual(['key-two', 'pw-one']);
  });

  it('ignores ordinary fields and non-objects', () => {
    expect(secretStringsIn({ userName: 'a', email: 'b' })).toEqual([]);
    expect(secretStringsIn(undefined)).toEqual([]);
    expect(secretStringsIn('password')).toEqual([]);
  });
});
