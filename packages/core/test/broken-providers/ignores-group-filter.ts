import type { UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/** Bug: the `group` filter is declared but never sent, so every user is listed as a member. */
export function ignoresGroupFilter(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    listUsers: (options) => {
      const { group: _dropped, ...rest } = options ?? {};
      return inner.listUsers(rest);
    },
  });
}
