import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';

describe('isoTime', () => {
  it('gives exactly toISOString() for any run of times (milliseconds), repeated ones included', () => {
    const time = fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 });
    // Runs drawn from few values repeat times back to back, as attempts starting together do.
    const times = fc.oneof(fc.array(time), fc.array(fc.constantFrom(0, 1, 1_700_000_000_000, -1)));
    fc.assert(
      fc.property(times, (values) => {
        for (const ms of values) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });

  it('throws RangeError for an invalid date, as toISOString does, even right after a valid one', () => {
    isoTime(0);
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});
