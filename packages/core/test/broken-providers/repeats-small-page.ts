import type { User, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (h): with `pageSize: 1` the listing serves its last page twice, as an off-by-one in a page
 * counter would (`page <= total / pageSize`): one user more than the directory holds.
 */
export function repeatsLastSmallPage(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    async *listUsers(options) {
      let last: User | undefined;
      for await (const user of inner.listUsers(options)) {
        last = user;
        yield user;
      }
      if (options?.pageSize === 1 && last !== undefined) yield last;
    },
  });
}
