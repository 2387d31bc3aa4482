import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageByNumber } from './page-by-number.js';
import { byId, drain, itemsUpTo } from './paging-test-helpers.js';

/** An honest server holding `count` items that caps pages at `cap` and reports `total` (maybe lying). */
function server(
  count: number,
  options: { cap?: number; total?: (count: number) => number | undefined } = {},
) {
  const all = itemsUpTo(count);
  const calls: Array<{ number: number; offset: number }> = [];
  return {
    calls,
    fetchPage: async ({ number, offset, size }: { number: number; offset: number; size: number }) => {
      calls.push({ number, offset });
      const limit = Math.min(size, options.cap ?? size);
      return { items: all.slice(offset, offset + limit), total: options.total?.(count) };
    },
  };
}

describe('pageByNumber', () => {
  it('lists every item once, ending on a short page shorter than the pages before it', async () => {
    const { fetchPage, calls } = server(25);
    const { items, error } = await drain(
      pageByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId }),
    );
    expect(error).toBeUndefined();
    expect(items.map(byId)).toEqual(itemsUpTo(25).map(byId));
    expect(calls).toEqual([
      { number: 1, offset: 0 },
      { number: 2, offset: 10 },
      { number: 3, offset: 20 },
    ]);
  });

  it('does not take a server that caps the page size for a short last page', async () => {
    const { fetchPage } = server(250, { cap: 100 });
    const { items } = await drain(
      pageByNumber({ provider: 'acme', fetchPage, pageSize: 1000, itemId: byId }),
    );
    expect(items).toHaveLength(250);
  });

  it('ends after a first short page when the server is known to honour the page size', async () => {
    const { fetchPage, calls } = server(7);
    const listing = pageByNumber({
      provider: 'acme',
      fetchPage,
      pageSize: 10,
      itemId: byId,
      serverHonoursPageSize: true,
    });
    expect((await drain(listing)).items).toHaveLength(7);
    expect(calls).toHaveLength(1);
  });

  for (const total of [5, -5, undefined, Number.NaN, 1e12]) {
    it(`never stops early on a reported total of ${total}`, async () => {
      const { fetchPage } = server(25, { total: () => total });
      const { items, error } = await drain(
        pageByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId }),
      );
      expect(error).toBeUndefined();
      expect(items).toHaveLength(25);
    });
  }

  it('fails typed, never short, when items keep coming past a reported total of 0', async () => {
    const { fetchPage } = server(25, { total: () => 0 });
    const { items, error } = await drain(
      pageByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId }),
    );
    expect(items).toHaveLength(20);
    expect(error).toMatchObject({
      code: 'provider_error',
      details: { reason: 'too_many_pages', reportedTotal: 0 },
    });
  });

  it('ends a server that repeats the same page with repeated_page', async () => {
    const page = itemsUpTo(10);
    const fetchPage = async () => ({ items: page, total: 1e12 });
    const { items, error } = await drain(
      pageByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId }),
    );
    expect(items).toHaveLength(10);
    expect(error).toMatchObject({ code: 'provider_error', details: { reason: 'repeated_page' } });
  });

  it('ends a server inventing items past its reported total with too_many_pages', async () => {
    let next = 0;
    const fetchPage = async () => ({ items: itemsUpTo(10).map(() => ({ id: `n${next++}` })), total: 30 });
    const { items, error } = await drain(
      pageByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId }),
    );
    expect(error).toMatchObject({
      code: 'provider_error',
      details: { reason: 'too_many_pages', reportedTotal: 30 },
    });
    expect(items).toHaveLength(50);
  });

  it('ends at the hard maximum of pages', async () => {
    let next = 0;
    const fetchPage = async () => ({ items: [{ id: `n${next++}` }] });
    const listing = pageByNumber({ provider: 'acme', fetchPage, pageSize: 1, itemId: byId, maxPages: 40 });
    const { items, error } = await drain(listing);
    expect(items).toHaveLength(40);
    expect(error).toMatchObject({ details: { reason: 'too_many_pages' } });
  });

  it('skips items an earlier page already listed (offset drift)', async () => {
    const pages = [itemsUpTo(3), [{ id: 'u3' }, { id: 'u4' }], []];
    let index = 0;
    const fetchPage = async () => ({ items: pages[index++] ?? [] });
    const { items } = await drain(pageByNumber({ provider: 'acme', fetchPage, pageSize: 3, itemId: byId }));
    expect(items.map(byId)).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('yields nothing and throws cancelled for an aborted signal, and stops between and within pages', async () => {
    const { fetchPage, calls } = server(30);
    const aborted = pageByNumber({
      provider: 'acme',
      fetchPage,
      pageSize: 10,
      itemId: byId,
      signal: AbortSignal.abort(),
    });
    const first = await drain(aborted);
    expect(first.items).toHaveLength(0);
    expect(first.error).toMatchObject({ code: 'cancelled' });
    expect(calls).toHaveLength(0);

    const controller = new AbortController();
    const items: unknown[] = [];
    const listing = pageByNumber({
      provider: 'acme',
      fetchPage,
      pageSize: 10,
      itemId: byId,
      signal: controller.signal,
    });
    const error = await (async () => {
      for await (const item of listing) {
        items.push(item);
        if (items.length === 15) controller.abort();
      }
    })().catch((caught) => caught);
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(items).toHaveLength(15);
    expect(calls).toHaveLength(2);
  });

  it('lists exactly what an honest server holds, whatever its cap, page size and reported total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.integer({ min: -10, max: 500 }), { nil: undefined }),
        async (count, pageSize, cap, total) => {
          const { fetchPage } = server(count, { cap, total: () => total });
          const { items, error } = await drain(
            pageByNumber({ provider: 'acme', fetchPage, pageSize, itemId: byId }),
          );
          // Either every item exactly once, or a typed error: never a silent short listing.
          if (error === undefined) expect(items.map(byId)).toEqual(itemsUpTo(count).map(byId));
          else expect(error).toMatchObject({ code: 'provider_error', details: { reason: 'too_many_pages' } });
        },
      ),
    );
  });

  it('always ends, with the server end marker or a typed error, against any page sequence', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.option(fc.integer({ min: -5, max: 1e6 }), { nil: undefined }),
        async (pages, total) => {
          let fetched = 0;
          const fetchPage = async () => {
            const ids = pages[fetched++ % pages.length]!;
            return { items: ids.map((id) => ({ id: `u${id}` })), total };
          };
          const listing = pageByNumber({
            provider: 'acme',
            fetchPage,
            pageSize: 6,
            itemId: byId,
            maxPages: 200,
          });
          const { items, error } = await drain(listing);
          expect(fetched).toBeLessThanOrEqual(200);
          expect(new Set(items.map(byId)).size).toBe(items.length);
          if (error !== undefined) expect(error).toMatchObject({ code: 'provider_error' });
        },
      ),
    );
  });
});
