import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorForCode, RateLimitedError } from './error-classes.js';
import { parseRetryAfter } from './retry-after.js';
import { clampRetryAfterMs, MAX_RETRY_AFTER_MS } from './retry-after-ms.js';

const NOW = Date.parse('2024-05-11T15:02:26Z');

function expectSane(ms: number | undefined): void {
  if (ms === undefined) return;
  expect(Number.isFinite(ms)).toBe(true);
  expect(Number.isInteger(ms)).toBe(true);
  expect(ms).toBeGreaterThanOrEqual(0);
  expect(ms).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
}

describe('clampRetryAfterMs', () => {
  it.each([
    [1500, 1500],
    [1.2, 2],
    [-5, 0],
    [Number.NEGATIVE_INFINITY, 0],
    [Number.POSITIVE_INFINITY, MAX_RETRY_AFTER_MS],
    [1e26, MAX_RETRY_AFTER_MS],
    [Number.NaN, undefined],
    ['5', undefined],
    [undefined, undefined],
  ])('turns %o into %o', (input, expected) => {
    expect(clampRetryAfterMs(input)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('clamps huge delta-seconds (a 400-digit number included) to the maximum', () => {
    expect(parseRetryAfter('99999999999999999999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('9'.repeat(400), NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('reads the three HTTP-date forms relative to now, a past date as 0', () => {
    expect(parseRetryAfter('Sat, 11 May 2024 15:03:26 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Saturday, 11-May-24 15:03:26 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Sat May 11 15:03:26 2024', new Date(NOW))).toBe(60_000);
    expect(parseRetryAfter('Fri, 10 May 2024 15:03:26 GMT', NOW)).toBe(0);
  });

  it('clamps a date far away (2099) to the maximum', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2099 00:00:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('gives undefined for a missing or unreadable value, never a guess', () => {
    for (const value of [
      null,
      undefined,
      '',
      '-5',
      '1.5',
      'soon',
      '12abc',
      'Sat, 99 Foo 2024 99:99:99 GMT',
    ]) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });

  it('refuses a value or a now of the wrong type with invalid_input', () => {
    const parse = parseRetryAfter as (...args: unknown[]) => unknown;
    for (const args of [
      [42, NOW],
      [{}, NOW],
      ['5', Number.NaN],
      ['5', 'now'],
      ['5', new Date(Number.NaN)],
    ]) {
      expect(() => parse(...args)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });

  it('is finite, whole, non-negative and at most the maximum for any header text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^\d{1,500}$/),
          fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
        ),
        (value) => expectSane(parseRetryAfter(value, NOW)),
      ),
    );
  });
});

describe('RateLimitedError', () => {
  describe('constructor', () => {
    it('keeps retryAfterMs finite, non-negative and clamped whatever the provider passed', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e26, -1, Number.POSITIVE_INFINITY)),
          (ms) => {
            const error = new RateLimitedError('slow down', { retryAfterMs: ms });
            expectSane(error.retryAfterMs);
            expect(error.details?.retryAfterMs).toBe(error.retryAfterMs);
            expect(JSON.parse(JSON.stringify(error)).details.retryAfterMs).toBe(error.retryAfterMs);
          },
        ),
      );
    });

    it('clamps a retryAfterMs arriving in details (a deserialized error)', () => {
      const error = errorForCode('rate_limited', 'x', { details: { retryAfterMs: 1e26 } });
      expect((error as RateLimitedError).retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
      expect(error.details?.retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
    });
  });
});
