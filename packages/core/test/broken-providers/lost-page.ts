import type { UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/** Bug (b): `listUsers` silently drops its second page (a cursor bug that skips one page). */
export function losesSecondPage(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    async *listUsers(options) {
      const size = options?.pageSize ?? inner.capabilities.defaultPageSize;
      let position = 0;
      for await (const user of inner.listUsers(options)) {
        const page = Math.floor(position / size) + 1;
        position += 1;
        if (page !== 2) yield user;
      }
    },
  });
}
