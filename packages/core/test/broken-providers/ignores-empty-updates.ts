import type { UserDirectory, UserPatch } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: the update body is built with `if (patch.field)`, so a field set to `false` or `''` is not
 * sent: an admin cannot be demoted and a name cannot be cleared.
 */
export function ignoresEmptyUpdates(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    async updateUser(ref, patch, options) {
      const kept = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => Boolean(value)),
      ) as UserPatch;
      if (Object.keys(kept).length === 0) return inner.getUser(ref, options);
      return inner.updateUser(ref, kept, options);
    },
  });
}
