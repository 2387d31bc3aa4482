import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberSet } from './number-set.js';

describe('NumberSet', () => {
  describe('.add', () => {
    it('behaves like a Set of whole numbers, across growth and colliding keys', () => {
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.nat({ max: 3000 }), fc.maxSafeNat(), fc.constant(2 ** 32)), {
            maxLength: 3000,
          }),
          (keys) => {
            const set = new NumberSet();
            const reference = new Set<number>();
            for (const key of keys)
              expect(set.add(key)).toBe(!reference.has(key) && reference.add(key) !== undefined);
            expect(set.size).toBe(reference.size);
            for (const key of keys) expect(set.has(key)).toBe(true);
            expect(set.has(Number.MAX_SAFE_INTEGER - 7)).toBe(reference.has(Number.MAX_SAFE_INTEGER - 7));
          },
        ),
        { numRuns: 60 },
      );
    });

    it('holds 100,000 consecutive ids', () => {
      const set = new NumberSet();
      for (let id = 100_000_001; id <= 100_100_000; id++) set.add(id);
      expect(set.size).toBe(100_000);
      expect(set.has(100_050_000)).toBe(true);
      expect(set.has(100_100_001)).toBe(false);
    });
  });
});
