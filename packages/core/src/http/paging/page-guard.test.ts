import { describe, expect, it } from 'vitest';
import { ProvisioningError } from '../../errors/provisioning-error.js';
import { PageGuard, type PageGuardOptions } from './page-guard.js';

const options: PageGuardOptions = { provider: 'acme', total: 'exact', maxItems: 1_000 };
const page = (from: number, count: number, total?: number) => ({
  items: Array.from({ length: count }, (_, index) => String(from + index)),
  total,
});
const asId = (id: string) => id;

function refusal(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (!ProvisioningError.is(error)) throw error;
    expect(error).toMatchObject({ code: 'provider_error', provider: 'acme', retryable: true });
    return error.details?.reason as string;
  }
  return undefined;
}

describe('PageGuard', () => {
  describe('.admit', () => {
    it('refuses more items than the largest reported total', () => {
      const guard = new PageGuard(options);
      expect(refusal(() => guard.admit(page(0, 10, 5), asId, true))).toBe('more_than_total');
    });

    it('ignores a total that is not a count', () => {
      for (const total of [undefined, null, -5, 2.5, '7', Number.NaN, 1e300]) {
        const guard = new PageGuard(options);
        expect(guard.admit({ items: ['a', 'b'], total: total as number }, asId, true)).toHaveLength(2);
        expect(guard.mayHoldItems(40)).toBe(true);
      }
    });

    it('refuses a page that brings nothing new and leaves out the repeated items of a page', () => {
      const guard = new PageGuard(options);
      guard.admit(page(0, 10, 100), asId, true);
      expect(guard.admit(page(8, 10, 100), asId, true)).toEqual(page(10, 8).items);
      expect(refusal(() => guard.admit(page(0, 10, 100), asId, true))).toBe('repeated_page');
    });

    it("returns the page's own items when all are new", () => {
      const guard = new PageGuard(options);
      const first = page(0, 3, 10);
      expect(guard.admit(first, asId, true)).toBe(first.items);
    });

    it('tells apart ids that only look alike as numbers, and keeps the first of two equal ids', () => {
      const guard = new PageGuard(options);
      guard.admit({ items: ['07', '7.0'], total: 5 }, asId, true);
      expect(guard.admit({ items: ['7', '70', '70'], total: 5 }, asId, true)).toEqual(['7', '70']);
      expect(guard.items).toBe(4);
    });

    it('refuses more pages than the total allows at the largest page length, plus the closing one', () => {
      const guard = new PageGuard(options);
      // Total 25 in pages of 10: three pages, and one more to confirm the end.
      guard.admit(page(0, 10, 25), asId, true);
      for (let index = 1; index < 4; index++) guard.admit(page(100 + index, 1, 25), asId, true);
      expect(refusal(() => guard.admit(page(200, 1, 25), asId, true))).toBe('pages_exceed_total');
      expect(refusal(() => guard.beforePage())).toBe('pages_exceed_total');
    });

    it('refuses past maxItems, and past the pages maxItems needs, whatever the total', () => {
      const few = new PageGuard({ ...options, maxItems: 15 });
      few.admit(page(0, 10, 1e12), asId, true);
      expect(refusal(() => few.admit(page(10, 10, 1e12), asId, true))).toBe('too_many_items');
      const trickle = new PageGuard({ ...options, maxItems: 30 });
      trickle.admit(page(0, 10, 1e12), asId, true);
      for (let index = 1; index < 4; index++) trickle.admit(page(100 + index, 1, 1e12), asId, true);
      expect(refusal(() => trickle.admit(page(200, 1, 1e12), asId, true))).toBe('too_many_pages');
    });

    it('refuses a page without items and an item without an id', () => {
      const guard = new PageGuard(options);
      expect(refusal(() => guard.admit({} as never, asId, true))).toBe('invalid_page');
      expect(refusal(() => guard.admit({ items: [{}] }, () => undefined as never, true))).toBe(
        'missing_item_id',
      );
    });
  });

  describe('.end', () => {
    it('refuses an end short of an exact total, but not of an upper bound', () => {
      const exact = new PageGuard(options);
      exact.admit(page(0, 10, 25), asId, true);
      exact.admit(page(10, 0, 25), asId, false);
      expect(refusal(() => exact.end())).toBe('ended_before_total');
      const bound = new PageGuard({ ...options, total: 'upper-bound' });
      bound.admit(page(0, 10, 25), asId, true);
      bound.admit(page(10, 0, 25), asId, false);
      expect(refusal(() => bound.end())).toBeUndefined();
    });

    it('takes items added while the listing ran as added, not as missed', () => {
      // 20 users when the listing began; 5 more created alongside it, counted by its last page.
      const growing = new PageGuard(options);
      growing.admit(page(0, 10, 20), asId, true);
      growing.admit(page(10, 10, 25), asId, true);
      growing.admit(page(20, 0, 25), asId, false);
      expect(refusal(() => growing.end())).toBeUndefined();
      // Short of the smallest total too: users that existed throughout were not listed.
      const short = new PageGuard(options);
      short.admit(page(0, 10, 20), asId, true);
      short.admit(page(10, 5, 25), asId, true);
      short.admit(page(15, 0, 25), asId, false);
      expect(refusal(() => short.end())).toBe('ended_before_total');
    });
  });

  describe('.mayEndAfter', () => {
    it('allows an end once an exact total is reached, or (without one) after a short page', () => {
      const exact = new PageGuard(options);
      expect(exact.mayEndAfter(10)).toBe(false);
      exact.admit(page(0, 10, 20), asId, true);
      expect(exact.mayEndAfter(10)).toBe(false);
      exact.admit(page(10, 10, 20), asId, true);
      expect(exact.mayEndAfter(10)).toBe(true);
      const unknown = new PageGuard(options);
      unknown.admit(page(0, 10), asId, true);
      expect(unknown.mayEndAfter(10)).toBe(false);
      unknown.admit(page(10, 4), asId, true);
      expect(unknown.mayEndAfter(10)).toBe(true);
    });
  });

  describe('.mayHoldItems', () => {
    it('allows the pages that start before the total, at the first page length', () => {
      const guard = new PageGuard(options);
      expect(guard.mayHoldItems(5)).toBe(true);
      guard.admit(page(0, 10, 30), asId, true);
      expect([2, 3, 4].map((index) => guard.mayHoldItems(index))).toEqual([true, false, false]);
    });
  });
});
