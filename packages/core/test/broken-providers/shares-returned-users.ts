import type { User, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (above core, whose output check copies every user): `getUser` answers from a cache of the
 * user objects it handed out before, so a caller that changes a returned user changes what every
 * later caller reads.
 */
export function sharesReturnedUsers(inner: UserDirectory): UserDirectory {
  const cache = new Map<string, User>();
  return forwardDirectory(inner, {
    async getUser(ref, options) {
      const fresh = await inner.getUser(ref, options);
      const cached = cache.get(fresh.id);
      if (cached !== undefined) return cached;
      cache.set(fresh.id, fresh);
      return fresh;
    },
  });
}
