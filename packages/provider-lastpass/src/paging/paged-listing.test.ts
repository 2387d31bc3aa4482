import { ProviderError } from '@provisionkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ListedPage, pagedListing } from './paged-listing.js';

interface Page {
  readonly ids: string[];
  readonly total: unknown;
}

interface Server {
  /** Items the server holds. */
  readonly size: number;
  /** Items it sends per page at most, whatever was asked (a capped page size). */
  readonly cap: number;
  /** `total` it claims: the truth unless told otherwise (`undefined`: left out). */
  readonly claim?: (truth: number) => unknown;
}

function serve(server: Server) {
  const asked: number[] = [];
  const fetchPage = async (index: number): Promise<Page> => {
    asked.push(index);
    const ids = Array.from({ length: server.size }, (_, i) => `u${i}`).slice(
      index * server.cap,
      (index + 1) * server.cap,
    );
    return { ids, total: server.claim === undefined ? server.size : server.claim(server.size) };
  };
  return { asked, fetchPage };
}

async function listIds(
  server: Server,
  pageSize: number,
  ahead = 1,
): Promise<{ ids: string[]; asked: number[] }> {
  const { asked, fetchPage } = serve(server);
  const ids: string[] = [];
  const listing = pagedListing({
    fetchPage,
    read: (page: Page) => page,
    pageSize,
    guard: { provider: 'test', total: 'exact', maxItems: 100_000 },
    ahead,
  });
  for await (const { page, repeated } of listing as AsyncIterable<ListedPage<Page>>) {
    page.ids.forEach((id, position) => {
      if (!repeated?.has(position)) ids.push(id);
    });
  }
  return { ids, asked };
}

describe('pagedListing', () => {
  it('lists an honest server completely in ceil(n / page) requests, plus the empty one that ends it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 25 }),
        async (size, pageSize) => {
          const { ids, asked } = await listIds({ size, cap: pageSize }, pageSize);
          expect(ids).toEqual(Array.from({ length: size }, (_, i) => `u${i}`));
          expect(asked.length).toBe(Math.ceil(size / pageSize) + 1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('lists everything, or throws a provider_error, never fewer items in silence, whatever total claims', async () => {
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
        fc.integer({ min: 1, max: 3 }),
        async (size, pageSize, capBy, claim, ahead) => {
          const cap = Math.min(pageSize, capBy);
          const outcome = await listIds({ size, cap, claim: () => claim }, pageSize, ahead).then(
            ({ ids }) => ids,
            (error: unknown) => error,
          );
          if (Array.isArray(outcome))
            expect(outcome).toEqual(Array.from({ length: size }, (_, i) => `u${i}`));
          else expect(ProviderError.is(outcome), String(outcome)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never asks past the empty page that ends the listing, however far ahead it reads', async () => {
    const { asked } = await listIds({ size: 45, cap: 10 }, 10, 3);
    expect(asked).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await listIds({ size: 40, cap: 10 }, 10, 3)).asked).toEqual([0, 1, 2, 3, 4]);
  });

  it('ends where the guard allows on a failure isPastEnd accepts, and throws it anywhere else', async () => {
    const failing = (failFrom: number) =>
      pagedListing({
        fetchPage: async (index) => {
          if (index >= failFrom) throw new ProviderError('no more');
          return { ids: [`u${index}`], total: 2 };
        },
        read: (page: Page) => page,
        pageSize: 1,
        guard: { provider: 'test', total: 'exact', maxItems: 10 },
        isPastEnd: (error) => ProviderError.is(error),
      });
    const drain = async (listing: AsyncIterable<ListedPage<Page>>) => {
      let count = 0;
      for await (const _page of listing) count += 1;
      return count;
    };
    expect(await drain(failing(2))).toBe(2);
    await expect(drain(failing(1))).rejects.toThrow('no more');
  });

  it('passes the signal to every page and throws once it is aborted', async () => {
    const controller = new AbortController();
    const seen: (AbortSignal | undefined)[] = [];
    const listing = pagedListing({
      fetchPage: async (index, signal) => {
        seen.push(signal);
        return { ids: [`u${index}`], total: 5 };
      },
      read: (page: Page) => page,
      pageSize: 1,
      guard: { provider: 'test', total: 'exact', maxItems: 10 },
      signal: controller.signal,
    });
    await listing.next();
    controller.abort(new Error('stop'));
    await expect(listing.next()).rejects.toThrow('stop');
    expect(seen.every((signal) => signal === controller.signal)).toBe(true);
  });

  it('throws a failed page instead of ending the list', async () => {
    const listing = pagedListing({
      fetchPage: async (index) => {
        if (index === 1) throw new ProviderError('page failed');
        return { ids: ['a', 'b'], total: 10 };
      },
      read: (page: Page) => page,
      pageSize: 2,
      guard: { provider: 'test', total: 'exact', maxItems: 10 },
    });
    await listing.next();
    await expect(listing.next()).rejects.toMatchObject({ code: 'provider_error' });
  });
});
