import type { UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: a `status` filter given as a list of statuses is dropped (the API client only sends a single
 * status), so the listing returns users of every status.
 */
export function ignoresStatusList(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    listUsers: (options) => {
      if (!Array.isArray(options?.status)) return inner.listUsers(options);
      const { status: _dropped, ...rest } = options;
      return inner.listUsers(rest);
    },
  });
}
