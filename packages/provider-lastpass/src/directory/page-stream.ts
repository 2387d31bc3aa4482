import { ProvisioningError } from '@provisionkit/core';
import { type GetUserDataResponse, PROVIDER_ID } from '../client/index.js';
import type { TotalMeaning } from '../paging/listing-guard.js';
import { pagedListing } from '../paging/paged-listing.js';

/** Fetches page `index` (0-based); `signal` is the caller's, when it gave one. */
export type FetchPage = (index: number, signal: AbortSignal | undefined) => Promise<GetUserDataResponse>;

export interface UserPagesOptions {
  /** `pagesize` sent with every page. */
  readonly pageSize: number;
  /** `exact` for a listing of the whole company; `upper-bound` under the `disabled` filter [U]. */
  readonly total: TotalMeaning;
  /** Most distinct users a listing may bring (`maxListedUsers`). */
  readonly maxItems: number;
  readonly signal?: AbortSignal | undefined;
  /** Pages requested ahead of the one being read (default 1). */
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
 * `getuserdata` pages through `pagedListing`: the listing ends when its guard says it is complete
 * (see `ListingGuard`) and throws when the server's paging cannot be trusted. A user listed on an
 * earlier page (offset paging over a changing company) is dropped from the later page, so each
 * user is yielded once.
 */
export async function* userPages(
  fetchPage: FetchPage,
  options: UserPagesOptions,
): AsyncGenerator<GetUserDataResponse> {
  const listing = pagedListing({
    fetchPage,
    read: (page: GetUserDataResponse) => ({ ids: page.users.map((user) => user.id), total: page.total }),
    pageSize: options.pageSize,
    guard: { provider: PROVIDER_ID, total: options.total, maxItems: options.maxItems },
    signal: options.signal,
    ahead: options.ahead,
    isPastEnd: isFailAnswer,
  });
  for await (const { page, repeated } of listing) {
    yield repeated === undefined
      ? page
      : { ...page, users: page.users.filter((_user, position) => !repeated.has(position)) };
  }
}
