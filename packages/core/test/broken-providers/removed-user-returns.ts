import { NotFoundError, type UserDirectory, type UserRef } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: `removeUser` only suspends the account and hides it, and `reactivateUser` does not check for
 * that: reactivating a removed user brings it back, which every other verb refuses.
 */
export function removedUserReturns(inner: UserDirectory): UserDirectory {
  const removed = new Set<string>();
  const idOf = async (ref: UserRef) => (await inner.getUser(ref)).id;
  const visible = async (ref: UserRef) => {
    const id = await idOf(ref);
    if (removed.has(id)) throw new NotFoundError('No such user', { provider: inner.provider });
    return id;
  };
  return forwardDirectory(inner, {
    async *listUsers(options) {
      for await (const user of inner.listUsers(options)) if (!removed.has(user.id)) yield user;
    },
    getUser: async (ref, options) => inner.getUser({ id: await visible(ref) }, options),
    updateUser: async (ref, patch, options) => inner.updateUser({ id: await visible(ref) }, patch, options),
    suspendUser: async (ref, options) => inner.suspendUser({ id: await visible(ref) }, options),
    async reactivateUser(ref, options) {
      const id = await idOf(ref);
      removed.delete(id);
      return inner.reactivateUser({ id }, options);
    },
    async removeUser(ref, options) {
      const id = await visible(ref);
      await inner.suspendUser({ id }, options);
      removed.add(id);
    },
    purgeUser: async (ref, options) => inner.purgeUser({ id: await visible(ref) }, options),
    cancelInvitation: async (ref, options) => inner.cancelInvitation({ id: await visible(ref) }, options),
    addToGroups: async (ref, groups, options) =>
      inner.addToGroups({ id: await visible(ref) }, groups, options),
    removeFromGroups: async (ref, groups, options) =>
      inner.removeFromGroups({ id: await visible(ref) }, groups, options),
  });
}
