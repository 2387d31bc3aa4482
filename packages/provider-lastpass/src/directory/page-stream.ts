import type { GetUserDataResponse } from '../client/index.js';

/** Fetches page `index` (0-based); `signal` is the caller's, when it gave one. */
export type FetchPage = (index: number, signal: AbortSignal | undefined) => Promise<GetUserDataResponse>;

/**
 * `getuserdata` pages, pulled lazily. Paging stops when the users seen reach the latest `total`, or
 * on an empty page; a short page alone does not stop it (LastPass may cap `pagesize` below what
 * was asked). While the caller works on one page the next is already requested: one page ahead,
 * never more, so memory stays flat however large the company. A failed page is thrown, never read
 * as the end of the list.
 *
 * A caller that stops iterating leaves the page fetched ahead to finish unread: cancelling it would
 * log a failed exchange for a normal early stop. The caller's abort signal does cancel it.
 */
export async function* userPages(
  fetchPage: FetchPage,
  signal?: AbortSignal,
): AsyncGenerator<GetUserDataResponse> {
  let index = 0;
  let seen = 0;
  let pending = fetchPage(0, signal);
  for (;;) {
    const page = await pending;
    seen += page.users.length;
    const more = page.users.length > 0 && seen < page.total;
    if (more) {
      index += 1;
      pending = fetchPage(index, signal);
      // Observed now, so a page fetched ahead that fails after the caller stopped is not an
      // unhandled rejection; the caller who reads it still gets the error from `await`.
      pending.catch(() => undefined);
    }
    if (page.users.length > 0) yield page;
    if (!more) return;
  }
}
