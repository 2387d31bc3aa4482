import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after.js';

const NOW = Date.UTC(2024, 0, 1);

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates as milliseconds from now', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter(new Date(NOW - 90_000).toUTCString(), NOW)).toBe(0);
  });

  it('clamps absurd asks to one day: huge numbers, 400 digits, a date in 2099', () => {
    expect(parseRetryAfter('99999999999999999999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('9'.repeat(400), NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Thu, 01 Jan 2099 00:00:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('ignores what is neither: signs, fractions, exponents, words', () => {
    for (const value of ['-5', '12.5', '1e3', 'soon', '', '   ', null]) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });

  it('answers a finite whole number in [0, one day], or undefined, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,500}$/), fc.date().map(String)), (value) => {
        const ms = parseRetryAfter(value, NOW);
        if (ms === undefined) return;
        expect(Number.isSafeInteger(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
      }),
    );
  });
});
