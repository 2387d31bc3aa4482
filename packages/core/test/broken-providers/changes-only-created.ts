import type { UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: `listUsersChangedSince` lists the users created since the instant, as an API filter on the
 * creation date would, so a user changed after it but created before it is never seen.
 */
export function changesOnlyCreated(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    async *listUsersChangedSince(options) {
      const since = Date.parse(options.since);
      for await (const user of inner.listUsersChangedSince!(options)) {
        if (user.createdAt !== undefined && Date.parse(user.createdAt) >= since) yield user;
      }
    },
  });
}
