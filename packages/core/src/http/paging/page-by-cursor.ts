import type { Page, PageGuardOptions } from './page-guard.js';
import { checkPagingOptions, PageByCursorShape } from './page-options.js';
import { paginate } from './paginate.js';

export interface CursorPage<T> extends Page<T> {
  /** Absent, null or empty on the last page. */
  readonly nextCursor?: string | null | undefined;
}

export interface PageByCursorOptions<T> extends PageGuardOptions {
  /** `cursor` is undefined for the first page. */
  readonly fetchPage: (cursor: string | undefined, signal: AbortSignal | undefined) => Promise<CursorPage<T>>;
  readonly itemId: (item: T) => string | number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Pages by opaque cursor. The listing ends when a page has no next cursor; a cursor seen before
 * ends it with `provider_error` (`repeated_cursor`).
 */
export function pageByCursor<T>(options: PageByCursorOptions<T>): AsyncGenerator<T, void, undefined> {
  checkPagingOptions(PageByCursorShape, options, 'pageByCursor');
  return paginate<T, { cursor: string | undefined }>({
    ...options,
    first: { cursor: undefined },
    cursorKey: ({ cursor }) => cursor ?? '',
    fetch: async ({ cursor }, _guard, signal) => {
      const page = await options.fetchPage(cursor, signal);
      const nextCursor = page.nextCursor;
      if (nextCursor === undefined || nextCursor === null || nextCursor === '') {
        return { ...page, next: undefined };
      }
      return { ...page, next: { cursor: nextCursor } };
    },
  });
}
