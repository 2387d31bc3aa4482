import { ProvisioningError } from '@provisionkit/core';
import { pagesByNumber, type TotalMeaning } from '@provisionkit/core/http';
import { type GetUserDataResponse, PROVIDER_ID } from '../client/index.js';

/**
 * Fetches page `index` (0-based); `signal` is the caller's, when it gave one. `wanted` resolves when
 * the listing reaches the page: the request's `readAfter`, so a page read ahead waits unparsed.
 */
export type FetchPage = (
  index: number,
  signal: AbortSignal | undefined,
  wanted: Promise<void>,
) => Promise<GetUserDataResponse>;

export interface UserPagesOptions {
  /** `pagesize` sent with every page. */
  readonly pageSize: number;
  /** `exact` for a listing of the whole company; `upper-bound` under the `disabled` filter [U]. */
  readonly total: TotalMeaning;
  /** Most distinct users a listing may bring (`maxListedUsers`). */
  readonly maxItems: number;
  readonly signal?: AbortSignal | undefined;
  /**
   * Pages requested ahead of the one being read (default 2): LastPass builds the next two pages
   * while this side maps the last one, so a listing takes about the longer of the two, not both.
   */
  readonly ahead?: number | undefined;
}

/**
 * [U] Past its last page LastPass may answer an error object rather than an empty page (one client
 * pages until it sees `error`): a `FAIL`-style answer, never a transport or credential failure.
 */
function isFailAnswer(error: unknown): boolean {
  if (!ProvisioningError.is(error) || error.details?.status !== 'FAIL') return false;
  return error.code === 'provider_error' || error.code === 'not_found';
}

/**
 * `getuserdata` pages through core's `pagesByNumber` (page 0 first, `untilEmptyPage`: LastPass's
 * page sizes prove nothing): the listing ends on an empty page (or a `FAIL` answer where the
 * listing may end), and throws a typed, retryable `provider_error` when the server's paging cannot
 * be trusted (see core's `PageGuard`). A user listed on an earlier page (offset paging over a
 * changing company) is dropped from the later page, so each user is yielded once.
 */
export async function* userPages(
  fetchPage: FetchPage,
  options: UserPagesOptions,
): AsyncGenerator<GetUserDataResponse> {
  const listing = pagesByNumber({
    provider: PROVIDER_ID,
    fetchPage: async ({ number, signal, wanted }) => {
      const page = await fetchPage(number, signal, wanted);
      return { items: page.users, total: page.total, page };
    },
    itemId: (user: GetUserDataResponse['users'][number]) => user.id,
    pageSize: options.pageSize,
    firstPage: 0,
    untilEmptyPage: true,
    total: options.total,
    maxItems: options.maxItems,
    signal: options.signal,
    ahead: options.ahead ?? 2,
    // `pageindex` alone says where a page starts.
    addressedByNumber: true,
    isPastEnd: isFailAnswer,
  });
  for await (const { page, items } of listing) {
    yield items === page.items ? page.page : { ...page.page, users: [...items] };
  }
}
