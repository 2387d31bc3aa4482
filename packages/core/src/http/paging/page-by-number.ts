import { setImmediate as nextTurn } from 'node:timers/promises';
import { throwIfCancelled } from '../cancellation.js';
import { type Page, PageGuard, type PageGuardOptions } from './page-guard.js';
import { checkPagingOptions, PageByNumberShape } from './page-options.js';

/** Where the next page starts: both forms, whichever the API takes. */
export interface PagePosition {
  /** Page number, counted from `firstPage`. */
  readonly number: number;
  /**
   * Items before this page: the sum of the sizes of the pages before it (with `ahead`, pages not
   * yet read count as full).
   */
  readonly offset: number;
  readonly size: number;
  readonly signal: AbortSignal | undefined;
  /**
   * Resolves when the listing reaches this page (at once for the page it needs now; later for a
   * page requested ahead), or stops. Pass it as the request's `readAfter`: the page then waits as
   * bytes and is parsed only when read, so pages read ahead do not sit in memory as objects.
   */
  readonly wanted: Promise<void>;
}

export interface PageByNumberOptions<T, P extends Page<T> = Page<T>> extends PageGuardOptions {
  readonly fetchPage: (position: PagePosition) => Promise<P>;
  readonly pageSize: number;
  readonly itemId: (item: T) => string | number;
  /** Number of the first page: 1 (the default) or 0. */
  readonly firstPage?: number | undefined;
  /**
   * Set when the API is known to return exactly `pageSize` items on every page but the last: a
   * short page then ends the listing without one more request. Otherwise a short page ends it only
   * when it is also shorter than earlier pages (an API that caps the page size below `pageSize`
   * would otherwise end every listing after its first page).
   */
  readonly serverHonoursPageSize?: boolean | undefined;
  /**
   * Only an empty page ends the listing, never a short one: for an API whose page sizes prove
   * nothing (LastPass). Costs the one request past the last page.
   */
  readonly untilEmptyPage?: boolean | undefined;
  /**
   * Pages requested ahead of the one the caller is reading (default 0: the next page is requested
   * when the caller has consumed this one). Pages a reported total puts past the end are not
   * requested ahead.
   */
  readonly ahead?: number | undefined;
  /**
   * Set when `fetchPage` sends the page number alone, never the offset: a short page then keeps the
   * pages asked for ahead, whose numbers are still right, instead of dropping and asking for them
   * again from where the server stopped.
   */
  readonly addressedByNumber?: boolean | undefined;
  /**
   * True for a failure that may mean "there is no such page" (an API that answers the request past
   * its last page with an error). It ends the listing only where it may end: the items reached an
   * exact total, or (without one) the last page was short.
   */
  readonly isPastEnd?: ((error: unknown) => boolean) | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** One page of a listing, and its items not listed on an earlier page (the page's own when all are). */
export interface ListedPage<T, P extends Page<T> = Page<T>> {
  readonly page: P;
  readonly items: readonly T[];
}

/**
 * Pages by number or offset (`?page=3&per_page=100`, `?offset=200&limit=100`), item by item. The
 * listing ends on an empty page or a short one (see `serverHonoursPageSize` and `untilEmptyPage`),
 * never on a reported total.
 */
export function pageByNumber<T>(options: PageByNumberOptions<T>): AsyncGenerator<T, void, undefined> {
  checkPagingOptions(PageByNumberShape, options, 'pageByNumber');
  return itemsOf(numberedPages(options), options);
}

/**
 * `pageByNumber` page by page, for a provider that reads page-level facts (a map of groups that
 * comes with each page): each page with its new items.
 */
export function pagesByNumber<T, P extends Page<T> = Page<T>>(
  options: PageByNumberOptions<T, P>,
): AsyncGenerator<ListedPage<T, P>, void, undefined> {
  checkPagingOptions(PageByNumberShape, options, 'pagesByNumber');
  return numberedPages(options);
}

async function* itemsOf<T>(
  pages: AsyncGenerator<ListedPage<T>>,
  { provider, signal }: PageByNumberOptions<T>,
): AsyncGenerator<T, void, undefined> {
  for await (const { items } of pages) {
    for (const item of items) {
      throwIfCancelled(signal, provider);
      yield item;
    }
  }
}

async function* numberedPages<T, P extends Page<T>>(
  options: PageByNumberOptions<T, P>,
): AsyncGenerator<ListedPage<T, P>, void, undefined> {
  const { provider, signal, pageSize: size } = options;
  const guard = new PageGuard(options);
  const firstPage = options.firstPage ?? 1;
  const ahead = Math.max(0, Math.floor(options.ahead ?? 0));
  const queue: Array<{
    readonly index: number;
    readonly offset: number;
    readonly page: Promise<P>;
    readonly want: () => void;
  }> = [];
  // The next page to request: its index from the first page and where it starts.
  let index = 0;
  let offset = 0;
  // Each page request has its own signal, aborted with the caller's, and also when the listing no
  // longer needs it (dropped after a short page, or still on its way when the listing stops), so
  // pages asked for ahead do not load the server for nothing.
  const live = new Map<Promise<P>, AbortController>();
  const forward = (): void => {
    for (const controller of live.values()) controller.abort(signal?.reason);
  };
  // Pages no longer read are wanted too: a request holding a body for its reader must end.
  const release = (entries: readonly { readonly want: () => void }[]): void => {
    for (const entry of entries) entry.want();
  };
  signal?.addEventListener('abort', forward, { once: true });
  const request = () => {
    guard.beforePage(index);
    const controller = new AbortController();
    if (signal?.aborted === true) controller.abort(signal.reason);
    let want = (): void => undefined;
    const wanted = new Promise<void>((resolve) => {
      want = resolve;
    });
    const position = { number: firstPage + index, offset, size, signal: controller.signal, wanted };
    const page = options.fetchPage(position);
    live.set(page, controller);
    // Observed now, so a page fetched ahead that fails after the caller stopped is not an
    // unhandled rejection; the caller who reads it still gets the error from `await`.
    page.then(
      () => live.delete(page),
      () => live.delete(page),
    );
    queue.push({ index, offset, page, want });
    index++;
    offset += size;
  };
  try {
    yield* readPages();
  } finally {
    signal?.removeEventListener('abort', forward);
    for (const controller of live.values()) controller.abort();
    release(queue);
  }

  async function* readPages(): AsyncGenerator<ListedPage<T, P>, void, undefined> {
    for (;;) {
      throwIfCancelled(signal, provider);
      if (queue.length === 0) request();
      const next = queue.shift()!;
      next.want();
      let page: P;
      try {
        page = await next.page;
      } catch (error) {
        if (signal?.aborted !== true && options.isPastEnd?.(error) === true && guard.mayEndAfter(size)) {
          return guard.end();
        }
        throw error;
      }
      throwIfCancelled(signal, provider);
      const count = Array.isArray(page?.items) ? page.items.length : 0;
      const short = count < size && (options.serverHonoursPageSize === true || count < guard.largestPage);
      const last = count === 0 || (short && options.untilEmptyPage !== true);
      const items = guard.admit(page, options.itemId, !last);
      if (last && count === 0) return guard.end();
      if (count < size && options.addressedByNumber !== true) {
        // The next page starts after the items the server gave: pages asked for ahead, as if this
        // one were full, are dropped and asked for again from there.
        for (const dropped of queue) live.get(dropped.page)?.abort();
        release(queue);
        queue.length = 0;
        index = next.index + 1;
        offset = next.offset + count;
      }
      const before = queue.length;
      // After a page shorter than the others the end is near: nothing more is asked for ahead.
      if (!last && !short) while (queue.length < ahead && guard.mayHoldItems(index)) request();
      // Node's HTTP client writes a request on a later tick, and a caller going through this page's
      // items without waiting for I/O runs only promise jobs, which all run before any tick: one turn
      // of the event loop here puts the pages asked for ahead on the wire while this one is read.
      if (queue.length > before) await nextTurn();
      yield { page, items };
      if (last) return guard.end();
    }
  }
}
