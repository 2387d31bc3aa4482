import { NotFoundError, type User, type UserDirectory, type UserRef } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (e): `purgeUser` only suspends and hides the user. Lookups by id still find it, and creating
 * the same userName again revives the old record (old id, old data) instead of a new account.
 */
export function purgeResurrects(inner: UserDirectory): UserDirectory {
  const hidden = new Map<string, string>(); // lower-cased userName → id
  const isHidden = (user: User) => hidden.has(user.userName.toLowerCase());
  const visible = async (ref: UserRef): Promise<User> => {
    const user = await inner.getUser(ref);
    if ('userName' in ref && isHidden(user))
      throw new NotFoundError('No such user', { provider: inner.provider });
    return user;
  };
  return forwardDirectory(inner, {
    async *listUsers(options) {
      for await (const user of inner.listUsers(options)) if (!isHidden(user)) yield user;
    },
    getUser: visible,
    async purgeUser(ref) {
      const user = await visible(ref);
      await inner.suspendUser({ id: user.id });
      hidden.set(user.userName.toLowerCase(), user.id);
    },
    async createUser(input) {
      const id = hidden.get(input.userName.trim().toLowerCase());
      if (id === undefined) return inner.createUser(input);
      hidden.delete(input.userName.trim().toLowerCase());
      if (input.givenName !== undefined) await inner.updateUser({ id }, { givenName: input.givenName });
      return inner.reactivateUser({ id });
    },
  });
}
