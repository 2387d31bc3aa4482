import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGEST_PREFIX, DigestWriter, isUserDigest } from './user-digest.js';

/** The digest of a list of values, each written as `scalar` would write it. */
function digestOf(writer: DigestWriter, values: readonly unknown[]): string {
  writer.begin();
  writer.beginArray(values.length);
  for (const value of values) writer.scalar(value);
  return writer.end();
}

const value = fc.oneof(
  fc.string({ maxLength: 9 }),
  fc.constantFrom('1', 'true', 'null', 1, 0, -0, 1.5, true, false, null, Number.NaN),
);

describe('DigestWriter', () => {
  describe('.end', () => {
    it('gives one digest exactly for values JSON writes alike, lengths in the tag word or their own', () => {
      // A limit of 3 puts most strings in the long form: both forms, and mixtures, must frame.
      for (const writer of [new DigestWriter(), new DigestWriter(3)]) {
        fc.assert(
          fc.property(fc.array(value, { maxLength: 4 }), fc.array(value, { maxLength: 4 }), (a, b) => {
            const same = JSON.stringify(a) === JSON.stringify(b);
            expect(digestOf(writer, a) === digestOf(writer, b)).toBe(same);
          }),
          { numRuns: 1000 },
        );
      }
    });

    it('grows its buffer for a long value and starts over clean for the next', () => {
      const writer = new DigestWriter();
      const long = 'x'.repeat(5000);
      const first = digestOf(writer, [long]);
      expect(digestOf(writer, [`${long.slice(1)}y`])).not.toBe(first);
      expect(digestOf(writer, ['short'])).toBe(digestOf(new DigestWriter(), ['short']));
      expect(digestOf(writer, [long])).toBe(first);
    });

    it('is the marker and 22 base64url characters', () => {
      const digest = digestOf(new DigestWriter(), ['a']);
      expect(digest).toMatch(/^u2:[A-Za-z0-9_-]{22}$/);
      expect(digest.startsWith(DIGEST_PREFIX)).toBe(true);
      expect(isUserDigest(digest)).toBe(true);
      expect(isUserDigest('qUqP5cyxm6YcTAhz05Hph5gvu9M')).toBe(false);
    });
  });
});
