import { ProvisioningError } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import { ListingGuard, type ListingGuardOptions } from './listing-guard.js';

const options: ListingGuardOptions = { provider: 'test', total: 'exact', maxItems: 1_000 };
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

function refusal(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (!ProvisioningError.is(error)) throw error;
    expect(error).toMatchObject({ code: 'provider_error', provider: 'test', retryable: true });
    return error.details?.reason as string;
  }
  return undefined;
}

describe('ListingGuard', () => {
  describe('.accept', () => {
    it('ends only on an empty page: neither total nor a short page proves the end', () => {
      const guard = new ListingGuard(options);
      expect(guard.accept({ ids: ids(0, 10), total: 15, pageSize: 10 }).done).toBe(false);
      expect(guard.accept({ ids: ids(10, 5), total: 15, pageSize: 10 }).done).toBe(false);
      expect(guard.accept({ ids: [], total: 15, pageSize: 10 }).done).toBe(true);
    });

    it('pages until an empty page when total is missing or not a count', () => {
      for (const total of [undefined, null, -5, 2.5, '7', Number.NaN, 1e300]) {
        const guard = new ListingGuard(options);
        expect(guard.accept({ ids: ids(0, 3), total, pageSize: 10 }).done).toBe(false);
        expect(guard.accept({ ids: [], total, pageSize: 10 }).done).toBe(true);
      }
    });

    it('under an upper-bound total, ends only on an empty page', () => {
      const guard = new ListingGuard({ ...options, total: 'upper-bound' });
      expect(guard.accept({ ids: ids(0, 3), total: 40, pageSize: 10 }).done).toBe(false);
      expect(guard.accept({ ids: [], total: 40, pageSize: 10 }).done).toBe(true);
    });

    it('refuses more items than the total claims', () => {
      const guard = new ListingGuard(options);
      expect(refusal(() => guard.accept({ ids: ids(0, 10), total: 5, pageSize: 10 }))).toBe(
        'more_than_total',
      );
    });

    it('refuses a page that brings nothing new, and reports partly repeated pages', () => {
      const guard = new ListingGuard(options);
      guard.accept({ ids: ids(0, 10), total: 100, pageSize: 10 });
      const overlap = guard.accept({ ids: ids(8, 10), total: 100, pageSize: 10 });
      expect([...(overlap.repeated ?? [])]).toEqual([0, 1]);
      expect(refusal(() => guard.accept({ ids: ids(0, 10), total: 100, pageSize: 10 }))).toBe(
        'repeated_page',
      );
    });

    it('tells apart ids that only look alike as numbers', () => {
      const guard = new ListingGuard(options);
      guard.accept({ ids: ['07', '7.0'], total: 4, pageSize: 2 });
      expect(guard.accept({ ids: ['7', '70'], total: 4, pageSize: 2 }).repeated).toBeUndefined();
      expect(guard.items).toBe(4);
    });

    it('keeps the first of two equal ids on one page and skips the second', () => {
      const guard = new ListingGuard(options);
      expect([...(guard.accept({ ids: ['1', '1', '2'], total: 2, pageSize: 10 }).repeated ?? [])]).toEqual([
        1,
      ]);
    });

    it('refuses an empty page while an exact total promises more', () => {
      const guard = new ListingGuard(options);
      guard.accept({ ids: ids(0, 10), total: 25, pageSize: 10 });
      expect(refusal(() => guard.accept({ ids: [], total: 25, pageSize: 10 }))).toBe('ended_before_total');
    });

    it('refuses more pages than the total allows at the first page length', () => {
      const guard = new ListingGuard(options);
      // Total 25 in pages of 10: three pages, plus one to confirm a full last page.
      guard.accept({ ids: ids(0, 10), total: 25, pageSize: 10 });
      for (let page = 1; page < 4; page++)
        guard.accept({ ids: [String(100 + page)], total: 25, pageSize: 10 });
      expect(refusal(() => guard.accept({ ids: ['200'], total: 25, pageSize: 10 }))).toBe(
        'pages_exceed_total',
      );
    });

    it('refuses past maxItems, and past the pages maxItems needs, whatever the total', () => {
      const few = new ListingGuard({ ...options, maxItems: 15 });
      few.accept({ ids: ids(0, 10), total: 1e12, pageSize: 10 });
      expect(refusal(() => few.accept({ ids: ids(10, 10), total: 1e12, pageSize: 10 }))).toBe(
        'too_many_items',
      );
      const trickle = new ListingGuard({ ...options, maxItems: 30 });
      trickle.accept({ ids: ids(0, 10), total: 1e12, pageSize: 10 });
      for (let page = 1; page < 4; page++)
        trickle.accept({ ids: [String(100 + page)], total: 1e12, pageSize: 10 });
      expect(refusal(() => trickle.accept({ ids: ['200'], total: 1e12, pageSize: 10 }))).toBe(
        'too_many_pages',
      );
    });
  });

  describe('.mayEndHere', () => {
    it('allows an end once an exact total is reached, or (without one) after a short page', () => {
      const exact = new ListingGuard(options);
      expect(exact.mayEndHere()).toBe(false);
      exact.accept({ ids: ids(0, 10), total: 20, pageSize: 10 });
      expect(exact.mayEndHere()).toBe(false);
      exact.accept({ ids: ids(10, 10), total: 20, pageSize: 10 });
      expect(exact.mayEndHere()).toBe(true);
      const unknown = new ListingGuard(options);
      unknown.accept({ ids: ids(0, 10), total: undefined, pageSize: 10 });
      expect(unknown.mayEndHere()).toBe(false);
      unknown.accept({ ids: ids(10, 4), total: undefined, pageSize: 10 });
      expect(unknown.mayEndHere()).toBe(true);
    });
  });

  describe('.mayHoldItems', () => {
    it('allows the pages that start before total, at the first page length', () => {
      const guard = new ListingGuard(options);
      expect(guard.mayHoldItems(5)).toBe(true);
      guard.accept({ ids: ids(0, 10), total: 30, pageSize: 10 });
      expect([2, 3, 4].map((index) => guard.mayHoldItems(index))).toEqual([true, false, false]);
    });
  });
});
