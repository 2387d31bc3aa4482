import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageByCursor } from './page-by-cursor.js';
import { byId, drain, itemsUpTo } from './paging-test-helpers.js';

describe('pageByCursor', () => {
  it('follows cursors until a page has none', async () => {
    const all = itemsUpTo(7);
    const cursors: Array<string | undefined> = [];
    const fetchPage = async (cursor: string | undefined) => {
      cursors.push(cursor);
      const start = cursor === undefined ? 0 : Number(cursor);
      const end = start + 3;
      return { items: all.slice(start, end), nextCursor: end < all.length ? String(end) : null };
    };
    const { items, error } = await drain(pageByCursor({ provider: 'acme', fetchPage, itemId: byId }));
    expect(error).toBeUndefined();
    expect(items.map(byId)).toEqual(all.map(byId));
    expect(cursors).toEqual([undefined, '3', '6']);
  });

  it('ends a repeated cursor with repeated_cursor', async () => {
    let page = 0;
    const fetchPage = async () => ({
      items: [{ id: `n${page++}` }],
      nextCursor: page > 2 ? 'again' : `c${page}`,
    });
    const { items, error } = await drain(pageByCursor({ provider: 'acme', fetchPage, itemId: byId }));
    expect(error).toMatchObject({ code: 'provider_error', details: { reason: 'repeated_cursor' } });
    expect(items).toHaveLength(4);
  });

  it('ends a page of old items under a new cursor with repeated_page', async () => {
    let page = 0;
    const fetchPage = async () => ({ items: itemsUpTo(2), nextCursor: `c${page++}` });
    const { error } = await drain(pageByCursor({ provider: 'acme', fetchPage, itemId: byId }));
    expect(error).toMatchObject({ details: { reason: 'repeated_page' } });
  });

  it('allows a few empty pages that point on, not an endless run of them', async () => {
    let page = 0;
    const some = async () => {
      page++;
      return { items: page === 3 ? itemsUpTo(1) : [], nextCursor: page < 4 ? `c${page}` : undefined };
    };
    expect(
      (await drain(pageByCursor({ provider: 'acme', fetchPage: some, itemId: byId }))).items,
    ).toHaveLength(1);
    let endless = 0;
    const empty = async () => ({ items: [], nextCursor: `c${endless++}` });
    const { error } = await drain(pageByCursor({ provider: 'acme', fetchPage: empty, itemId: byId }));
    expect(error).toMatchObject({ details: { reason: 'empty_pages' } });
    expect(endless).toBe(5);
  });

  it('always ends against any cursor sequence, without yielding an item twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            ids: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 5 }),
            next: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        async (pages) => {
          let fetched = 0;
          const fetchPage = async () => {
            const page = pages[fetched++ % pages.length]!;
            return { items: page.ids.map((id) => ({ id: `u${id}` })), nextCursor: page.next };
          };
          const { items, error } = await drain(pageByCursor({ provider: 'acme', fetchPage, itemId: byId }));
          expect(fetched).toBeLessThanOrEqual(8);
          expect(new Set(items.map(byId)).size).toBe(items.length);
          if (error !== undefined) expect(error).toMatchObject({ code: 'provider_error' });
        },
      ),
    );
  });
});
