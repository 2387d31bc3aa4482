import { ConflictError, type UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/** Bug: suspending a suspended user fails with `conflict` (the API's "already disabled" passed on). */
export function suspendNotIdempotent(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    async suspendUser(ref, options) {
      const user = await inner.getUser(ref, options);
      if (user.status === 'suspended') {
        throw new ConflictError('User is already disabled', { provider: inner.provider });
      }
      return inner.suspendUser(ref, options);
    },
  });
}
