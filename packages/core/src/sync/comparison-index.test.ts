import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComparisonIndex } from './comparison-index.js';

describe('ComparisonIndex', () => {
  describe('.see', () => {
    it('tells new, same, changed and repeated users apart, after loading the snapshot in chunks', () => {
      const index = new ComparisonIndex();
      index.load([
        { userId: 'a', hash: 'h1' },
        { userId: 'b', hash: 'h2' },
      ]);
      index.load([{ userId: 'c', hash: 'h3' }]);
      expect(index.size).toBe(3);
      expect(index.see('a', 'h1')).toBe('same');
      expect(index.see('b', 'other')).toEqual({ changedFrom: 'h2' });
      expect(index.see('n', 'h9')).toBe('new');
      expect(index.see('a', 'h1')).toBe('repeated');
      expect(index.see('b', 'h2')).toBe('repeated');
      expect(index.see('n', 'h9')).toBe('repeated');
      expect([...index.unseen()]).toEqual([{ userId: 'c', hash: 'h3' }]);
    });
  });

  describe('.unseen', () => {
    it('is exactly the snapshot users never listed, whatever the order and repeats of the listing', () => {
      const ids = fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 3000 });
      fc.assert(
        fc.property(ids, fc.array(fc.string({ maxLength: 3 }), { maxLength: 3000 }), (snapshot, listing) => {
          const index = new ComparisonIndex();
          // In chunks, as a store scans them.
          for (let start = 0; start < snapshot.length; start += 700) {
            index.load(snapshot.slice(start, start + 700).map((userId) => ({ userId, hash: `h${userId}` })));
          }
          const known = new Set(snapshot);
          const listed = new Set<string>();
          for (const userId of listing) {
            const sighting = index.see(userId, `h${userId}`);
            expect(sighting).toBe(listed.has(userId) ? 'repeated' : known.has(userId) ? 'same' : 'new');
            listed.add(userId);
          }
          const unseen = [...index.unseen()].map((entry) => entry.userId);
          expect(unseen.sort()).toEqual(snapshot.filter((userId) => !listed.has(userId)).sort());
        }),
        { numRuns: 50 },
      );
    });
  });
});
