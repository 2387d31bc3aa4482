import type { UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: `listUsers` ignores `pageSize` and asks for the largest page it may, as a client tuned for
 * fewer requests would: one request brings everything, so a change made while the caller is
 * between pages is never seen.
 */
export function ignoresPageSize(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    listUsers: (options) => inner.listUsers({ ...options, pageSize: inner.capabilities.maxPageSize }),
  });
}
