import type { User, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (g): after its last page an unfiltered listing serves that page again, forever, as a client
 * trusting a server's `total` over a repeated page would. Each repetition waits a turn of the event
 * loop, as a real request would, so test timeouts still fire.
 */
export function endlessListing(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    async *listUsers(options) {
      const size = options?.pageSize ?? inner.capabilities.defaultPageSize;
      const lastPage: User[] = [];
      for await (const user of inner.listUsers(options)) {
        if (lastPage.length === size) lastPage.length = 0;
        lastPage.push(user);
        yield user;
      }
      if (options?.status !== undefined || options?.group !== undefined || lastPage.length === 0) return;
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        yield* lastPage;
      }
    },
  });
}
