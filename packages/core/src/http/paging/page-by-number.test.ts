import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PagePosition, pageByNumber, pagesByNumber } from './page-by-number.js';
import { byId, drain, itemsUpTo } from './paging-test-helpers.js';

/** An honest server holding `count` items that caps pages at `cap` and reports `total` (maybe lying). */
function server(
  count: number,
  options: { cap?: number | undefined; total?: ((count: number) => number | undefined) | undefined } = {},
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

  for (const total of [-5, undefined, Number.NaN, 1e12]) {
    it(`never stops early on a reported total of ${total}`, async () => {
      const { fetchPage } = server(25, { total: () => total });
      const { items, error } = await drain(
        pageByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId }),
      );
      expect(error).toBeUndefined();
      expect(items).toHaveLength(25);
    });
  }

  it('fails typed, never short, when a page brings more items than the reported total', async () => {
    for (const total of [0, 5]) {
      const { fetchPage } = server(25, { total: () => total });
      const { error } = await drain(
        pageByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId }),
      );
      expect(error).toMatchObject({
        code: 'provider_error',
        retryable: true,
        details: { reason: 'more_than_total', reportedTotal: total },
      });
    }
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

  it('ends a server inventing items past its reported total with more_than_total', async () => {
    let next = 0;
    const fetchPage = async () => ({ items: itemsUpTo(10).map(() => ({ id: `n${next++}` })), total: 30 });
    const { items, error } = await drain(
      pageByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId }),
    );
    expect(error).toMatchObject({
      code: 'provider_error',
      details: { reason: 'more_than_total', reportedTotal: 30 },
    });
    expect(items).toHaveLength(30);
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
          else {
            expect(error).toMatchObject({ code: 'provider_error' });
            expect(['more_than_total', 'pages_exceed_total']).toContain(
              (error as { details: { reason: string } }).details.reason,
            );
          }
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

describe('pageByNumber (untilEmptyPage, ahead, exact totals)', () => {
  const listAll = async (options: {
    count: number;
    pageSize: number;
    cap?: number;
    total?: (count: number) => unknown;
    ahead?: number;
  }) => {
    const { fetchPage, calls } = server(options.count, {
      cap: options.cap,
      total: options.total as (count: number) => number | undefined,
    });
    const listing = pageByNumber({
      provider: 'acme',
      fetchPage,
      pageSize: options.pageSize,
      itemId: byId,
      firstPage: 0,
      untilEmptyPage: true,
      total: 'exact',
      maxItems: 100_000,
      ahead: options.ahead,
    });
    return { ...(await drain(listing)), calls };
  };

  it('lists an honest server completely in ceil(n / size) requests plus the empty one that ends it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 3 }),
        async (count, pageSize, ahead) => {
          const { items, error, calls } = await listAll({ count, pageSize, total: (n) => n, ahead });
          expect(error).toBeUndefined();
          expect(items.map(byId)).toEqual(itemsUpTo(count).map(byId));
          expect(calls).toHaveLength(Math.ceil(count / pageSize) + 1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('lists everything or fails typed, never fewer items in silence, whatever the total claims', async () => {
    const claims = fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: -10, max: 200 }),
      fc.double({ noNaN: false }),
      fc.constantFrom(null, '12', 1e12),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        claims,
        fc.integer({ min: 0, max: 3 }),
        async (count, pageSize, capBy, claim, ahead) => {
          const cap = Math.min(pageSize, capBy);
          const { items, error } = await listAll({ count, pageSize, cap, total: () => claim, ahead });
          if (error === undefined) expect(items.map(byId)).toEqual(itemsUpTo(count).map(byId));
          else expect(error).toMatchObject({ code: 'provider_error', retryable: true });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never asks past the empty page that ends the listing, however far ahead it reads', async () => {
    const numbers = async (count: number) =>
      (await listAll({ count, pageSize: 10, total: (n) => n, ahead: 3 })).calls.map((call) => call.number);
    expect(await numbers(45)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await numbers(40)).toEqual([0, 1, 2, 3, 4]);
  });

  it('puts the pages it reads ahead on the wire before the caller reads the page it yields', async () => {
    // Node's HTTP client writes a request on a later tick (`process.nextTick`), and a caller that
    // goes through a page's items without waiting for I/O runs only promise jobs, which all run
    // before any tick: unless the listing lets ticks run after asking ahead, the server hears of
    // the next page only once this one has been read, and nothing overlaps.
    const wire: number[] = [];
    const all = itemsUpTo(30);
    const fetchPage = ({ number, offset, size }: { number: number; offset: number; size: number }) =>
      new Promise<{ items: ReturnType<typeof itemsUpTo>; total: number }>((resolve) => {
        process.nextTick(() => {
          wire.push(number);
          resolve({ items: all.slice(offset, offset + size), total: all.length });
        });
      });
    const onWireWhenRead: number[][] = [];
    for await (const _page of pagesByNumber({
      provider: 'acme',
      fetchPage,
      pageSize: 10,
      itemId: byId,
      untilEmptyPage: true,
      total: 'exact',
      ahead: 1,
    })) {
      onWireWhenRead.push([...wire]);
    }
    expect(onWireWhenRead).toEqual([
      [1, 2],
      [1, 2, 3],
      // The reported total puts nothing past page 3: the empty page that ends it is asked after.
      [1, 2, 3],
    ]);
  });

  it('aborts the pages it asked for ahead once the caller stops reading', async () => {
    const signals = new Map<number, AbortSignal | undefined>();
    const fetchPage = ({ number, signal }: PagePosition) => {
      signals.set(number, signal);
      if (number === 1) return Promise.resolve({ items: itemsUpTo(10), total: 100 });
      return stillOnItsWay(signal);
    };
    const listing = pagesByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId, ahead: 2 });
    for await (const _page of listing) break;
    expect([...signals.keys()]).toEqual([1, 2, 3]);
    expect([...signals.values()].map((signal) => signal?.aborted)).toEqual([false, true, true]);
  });

  it('marks a page wanted only when the listing reaches it, so pages read ahead can wait unread', async () => {
    const wanted = new Map<number, boolean>();
    const fetchPage = ({ number, wanted: reached }: PagePosition) => {
      wanted.set(number, false);
      reached.then(() => wanted.set(number, true));
      return Promise.resolve({ items: itemsUpTo(40).slice((number - 1) * 10, number * 10), total: 40 });
    };
    const listing = pagesByNumber({
      provider: 'acme',
      fetchPage,
      pageSize: 10,
      itemId: (item: { id: string }) => item.id,
      ahead: 2,
      serverHonoursPageSize: true,
    });
    const seen: string[] = [];
    let index = 0;
    for await (const _page of listing) {
      index += 1;
      // Settle the promise jobs of `wanted` before looking.
      await Promise.resolve();
      seen.push([...wanted].map(([number, reached]) => `${number}${reached ? '+' : '-'}`).join(' '));
      if (index === 2) break;
    }
    expect(seen).toEqual(['1+ 2- 3-', '1+ 2+ 3- 4-']);
    // Stopping releases the pages asked for ahead that were never read.
    await Promise.resolve();
    expect([...wanted.values()]).toEqual([true, true, true, true]);
  });

  it('aborts a page asked for ahead that a short page made wrong (it starts further on)', async () => {
    const requests: Array<{ offset: number; signal: AbortSignal | undefined }> = [];
    const all = itemsUpTo(12);
    const fetchPage = ({ offset, size, signal }: PagePosition) => {
      requests.push({ offset, signal });
      // Caps its pages at 4 items, below the page size asked for; a page that starts elsewhere is
      // one the listing should drop, so it stays on its way until aborted.
      if (offset % 4 !== 0) return stillOnItsWay(signal);
      return Promise.resolve({ items: all.slice(offset, offset + Math.min(size, 4)), total: all.length });
    };
    const listing = pageByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId, ahead: 2 });
    expect((await drain(listing)).items).toHaveLength(12);
    const dropped = requests.filter((request) => request.offset % 4 !== 0);
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.map((request) => request.signal?.aborted)).toEqual(dropped.map(() => true));
  });

  it('keeps the pages asked for ahead after a short page when pages are addressed by number alone', async () => {
    const asked: number[] = [];
    const all = itemsUpTo(12);
    // Caps its pages at 4 items and pages by number: page n holds items 4n to 4n + 3.
    const fetchPage = async ({ number }: PagePosition) => {
      asked.push(number);
      return { items: all.slice(number * 4, number * 4 + 4), total: all.length };
    };
    const listing = (addressedByNumber: boolean) =>
      pageByNumber({
        provider: 'acme',
        fetchPage,
        pageSize: 10,
        itemId: byId,
        firstPage: 0,
        untilEmptyPage: true,
        ahead: 2,
        addressedByNumber,
      });
    expect((await drain(listing(true))).items.map(byId)).toEqual(all.map(byId));
    expect(asked).toEqual([0, 1, 2, 3]);
    asked.length = 0;
    // Addressed by offset, a short page moves where the next one starts: asked for again.
    expect((await drain(listing(false))).items.map(byId)).toEqual(all.map(byId));
    expect(asked.length).toBeGreaterThan(4);
  });

  it('asks for nothing more ahead after a page shorter than the others (the end is near)', async () => {
    const asked: number[] = [];
    const all = itemsUpTo(25);
    const fetchPage = async ({ number }: PagePosition) => {
      asked.push(number);
      return { items: all.slice((number - 1) * 10, number * 10) };
    };
    const listing = pageByNumber({
      provider: 'acme',
      fetchPage,
      pageSize: 10,
      itemId: byId,
      untilEmptyPage: true,
      ahead: 2,
      addressedByNumber: true,
    });
    expect((await drain(listing)).items).toHaveLength(25);
    expect(asked).toEqual([1, 2, 3, 4]);
  });

  it('refuses a listing that ends short of an exact total', async () => {
    let index = 0;
    const fetchPage = async () => ({ items: index++ === 0 ? itemsUpTo(10) : [], total: 25 });
    const listing = pageByNumber({ provider: 'acme', fetchPage, pageSize: 10, itemId: byId, total: 'exact' });
    expect((await drain(listing)).error).toMatchObject({ details: { reason: 'ended_before_total' } });
  });

  it('ends where it may on a failure isPastEnd accepts, and throws it anywhere else', async () => {
    const failing = (failFrom: number) =>
      pageByNumber({
        provider: 'acme',
        fetchPage: async ({ number }) => {
          if (number > failFrom) throw new Error('no more');
          return { items: [{ id: `u${number}` }], total: 2 };
        },
        pageSize: 1,
        itemId: byId,
        total: 'exact',
        untilEmptyPage: true,
        isPastEnd: (error) => error instanceof Error && error.message === 'no more',
      });
    expect(await drain(failing(2))).toEqual({ items: [{ id: 'u1' }, { id: 'u2' }] });
    expect((await drain(failing(1))).error).toMatchObject({ message: 'no more' });
  });
});

describe('pagesByNumber', () => {
  it('yields each page with its new items, and the page itself untouched', async () => {
    const pages = [
      { items: itemsUpTo(3), groups: ['a'] },
      { items: [{ id: 'u3' }, { id: 'u4' }], groups: ['b'] },
      { items: [], groups: [] },
    ];
    let index = 0;
    const listing = pagesByNumber({
      provider: 'acme',
      fetchPage: async () => pages[index++]!,
      pageSize: 3,
      itemId: byId,
      untilEmptyPage: true,
    });
    const seen: Array<{ groups: string[]; items: string[] }> = [];
    for await (const { page, items } of listing) seen.push({ groups: page.groups, items: items.map(byId) });
    expect(seen).toEqual([
      { groups: ['a'], items: ['u1', 'u2', 'u3'] },
      { groups: ['b'], items: ['u4'] },
    ]);
  });

  it('passes the signal to every page and throws cancelled once it is aborted', async () => {
    const controller = new AbortController();
    const seen: Array<AbortSignal | undefined> = [];
    const listing = pagesByNumber({
      provider: 'acme',
      fetchPage: ({ number, signal }) => {
        seen.push(signal);
        return number === 1 ? Promise.resolve({ items: [{ id: 'u1' }], total: 5 }) : stillOnItsWay(signal);
      },
      pageSize: 1,
      itemId: byId,
      ahead: 1,
      signal: controller.signal,
    });
    await listing.next();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(listing.next()).rejects.toMatchObject({ code: 'cancelled' });
    // The page on its way is aborted with the caller's reason.
    expect(seen.map((signal) => signal?.aborted)).toEqual([false, true]);
    expect(seen[1]?.reason).toBe(reason);
  });
});

/** A page request that ends only when its signal aborts (rejecting with the reason). */
function stillOnItsWay(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
}
