import type { Page, PageGuardOptions } from './page-guard.js';
import { checkPagingOptions, PageByNumberShape } from './page-options.js';
import { paginate } from './paginate.js';

/** Where the next page starts: both forms, whichever the API takes. */
export interface PagePosition {
  /** Page number, counted from `firstPage`. */
  readonly number: number;
  /** Items before this page (the sum of the sizes of the pages before it). */
  readonly offset: number;
  readonly size: number;
  readonly signal: AbortSignal | undefined;
}

export interface PageByNumberOptions<T> extends PageGuardOptions {
  readonly fetchPage: (position: PagePosition) => Promise<Page<T>>;
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
  readonly signal?: AbortSignal | undefined;
}

/**
 * Pages by number or offset (`?page=3&per_page=100`, `?offset=200&limit=100`). The listing ends on
 * an empty page or a short one (see `serverHonoursPageSize`), never on a reported total.
 */
export function pageByNumber<T>(options: PageByNumberOptions<T>): AsyncGenerator<T, void, undefined> {
  checkPagingOptions(PageByNumberShape, options, 'pageByNumber');
  const size = options.pageSize;
  const first: PagePosition = { number: options.firstPage ?? 1, offset: 0, size, signal: options.signal };
  return paginate<T, PagePosition>({
    ...options,
    first,
    fetch: async (position, guard) => {
      const page = await options.fetchPage(position);
      const count = page.items.length;
      const short = count < size && (options.serverHonoursPageSize === true || count < guard.largestPage);
      const next =
        count === 0 || short
          ? undefined
          : { ...position, number: position.number + 1, offset: position.offset + count };
      return { ...page, next };
    },
  });
}
