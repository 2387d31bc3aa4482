import type { User, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: `listUsersChangedSince` answers with each user as it was created, as a change feed that
 * replays creation payloads would: a sync reading it records no update.
 */
export function staleChanges(inner: UserDirectory): UserDirectory {
  const created = new Map<string, User>();
  const remember = (user: User): User => {
    created.set(user.id, structuredClone(user));
    return user;
  };
  return forwardDirectory(inner, {
    createUser: async (input, options) => remember(await inner.createUser(input, options)),
    async *listUsersChangedSince(options) {
      for await (const user of inner.listUsersChangedSince!(options)) {
        yield structuredClone(created.get(user.id) ?? user);
      }
    },
  });
}
