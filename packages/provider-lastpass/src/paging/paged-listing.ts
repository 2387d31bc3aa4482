import { ListingGuard, type ListingGuardOptions } from './listing-guard.js';

/** What the listing needs to know of one page, whatever the provider's page shape. */
export interface PageReading {
  readonly ids: readonly string[];
  /** The server's count of the listing's items, as sent (checked by the guard). */
  readonly total: unknown;
}

export interface PagedListingOptions<Page> {
  /** Fetches page `index` (0-based), forwarding `signal` to the request. */
  readonly fetchPage: (index: number, signal: AbortSignal | undefined) => Promise<Page>;
  readonly read: (page: Page) => PageReading;
  /** Items asked for per page. */
  readonly pageSize: number;
  readonly guard: ListingGuardOptions;
  readonly signal?: AbortSignal | undefined;
  /** Pages requested ahead of the one being read (default 1). */
  readonly ahead?: number | undefined;
  /**
   * True for a failure that may mean "no page there" (a server that answers past its last page
   * with an error [U]). It ends the listing only where the guard allows an end (`mayEndHere`).
   */
  readonly isPastEnd?: ((error: unknown) => boolean) | undefined;
}

export interface ListedPage<Page> {
  readonly page: Page;
  /** Positions of items already listed on an earlier page: skip them. */
  readonly repeated: ReadonlySet<number> | undefined;
}

/**
 * An offset-paged listing, pulled lazily and checked page by page by a `ListingGuard`: it ends
 * only when the guard says the listing is complete, and throws (never ends quietly) when it cannot
 * be. While the caller works on one page, up to `ahead` more are requested among those the latest
 * `total` says hold items, so memory stays bounded by the pages in flight.
 *
 * A caller that stops iterating leaves the pages fetched ahead to finish unread: cancelling them
 * would log a failed exchange for a normal early stop. The caller's signal does cancel them.
 */
export async function* pagedListing<Page>(
  options: PagedListingOptions<Page>,
): AsyncGenerator<ListedPage<Page>> {
  const { fetchPage, read, pageSize, signal } = options;
  const ahead = Math.max(1, options.ahead ?? 1);
  const guard = new ListingGuard(options.guard);
  let next = 0;
  const queue: Promise<Page>[] = [];
  const request = () => {
    const pending = fetchPage(next, signal);
    next += 1;
    // Observed now, so a page fetched ahead that fails after the caller stopped is not an
    // unhandled rejection; the caller who reads it still gets the error from `await`.
    pending.catch(() => undefined);
    queue.push(pending);
  };
  for (;;) {
    // Pages the latest `total` puts past the end are requested only when the caller asks for more:
    // a caller that stops at what it looked for (a lookup by id) sends nothing it does not need.
    if (queue.length === 0) request();
    let page: Page;
    try {
      page = await queue.shift()!;
    } catch (error) {
      if (!signal?.aborted && options.isPastEnd?.(error) === true && guard.mayEndHere()) return;
      throw error;
    }
    signal?.throwIfAborted();
    const reading = read(page);
    const verdict = guard.accept({ ids: reading.ids, total: reading.total, pageSize });
    if (verdict.done) return;
    while (queue.length < ahead && guard.mayHoldItems(next)) request();
    yield { page, repeated: verdict.repeated };
  }
}
