import type { GetUserDataResponse } from '../client/index.js';

/** Fetches page `index` (0-based); `signal` is the caller's, when it gave one. */
export type FetchPage = (index: number, signal: AbortSignal | undefined) => Promise<GetUserDataResponse>;

/**
 * `getuserdata` pages, pulled lazily. Paging stops when the users seen reach the latest `total`, or
 * on an empty page; a short page alone does not stop it (LastPass may cap `pagesize` below what
 * was asked). While the caller works on one page the next `ahead` pages are already requested (1 by
 * default; never pages that the latest `total` and page length put past the end), so memory stays
 * flat however large the company. A failed page is thrown, never read as the end of the list.
 *
 * A caller that stops iterating leaves the pages fetched ahead to finish unread: cancelling them
 * would log a failed exchange for a normal early stop. The caller's abort signal does cancel them.
 */
export async function* userPages(
  fetchPage: FetchPage,
  signal?: AbortSignal,
  ahead = 1,
): AsyncGenerator<GetUserDataResponse> {
  let next = 0;
  let seen = 0;
  const queue: Promise<GetUserDataResponse>[] = [];
  const request = () => {
    const pending = fetchPage(next, signal);
    next += 1;
    // Observed now, so a page fetched ahead that fails after the caller stopped is not an
    // unhandled rejection; the caller who reads it still gets the error from `await`.
    pending.catch(() => undefined);
    queue.push(pending);
  };
  request();
  for (;;) {
    const page = await queue.shift()!;
    seen += page.users.length;
    const more = page.users.length > 0 && seen < page.total;
    if (more) {
      if (queue.length === 0) request();
      // Deeper only where the end is known to be further: page `next` starts at next x page length.
      while (queue.length < ahead && next * page.users.length < page.total) request();
    }
    if (page.users.length > 0) yield page;
    if (!more) return;
  }
}
