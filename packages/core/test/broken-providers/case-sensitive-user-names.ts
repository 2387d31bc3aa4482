import type { BatchResult, NewUser, User, UserDirectory, UserPatch, UserRef } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (a): user names compared case-sensitively, as a provider that forgot to normalise would.
 * Each upper-case letter is stored escaped (`A` → `^a`), so the case-insensitive mock underneath
 * sees `Ada` and `ada` as different names; names are unescaped on the way out.
 */
export function caseSensitiveUserNames(inner: UserDirectory): UserDirectory {
  const ref = (value: UserRef): UserRef =>
    'userName' in value ? { userName: encode(value.userName) } : value;
  const input = (value: NewUser): NewUser => ({ ...value, userName: encode(value.userName) });
  const patch = (value: UserPatch): UserPatch =>
    value.userName === undefined ? value : { ...value, userName: encode(value.userName) };
  const batch = (result: BatchResult): BatchResult => ({
    ...result,
    items: result.items.map((item) =>
      item.ok
        ? { ...item, userName: decode(item.userName), user: user(item.user) }
        : { ...item, userName: decode(item.userName) },
    ),
  });
  return forwardDirectory(inner, {
    async *listUsers(options) {
      for await (const listed of inner.listUsers(options)) yield user(listed);
    },
    getUser: async (value) => user(await inner.getUser(ref(value))),
    createUser: async (value) => user(await inner.createUser(input(value))),
    createUsers: async (items) => batch(await inner.createUsers(items.map(input))),
    updateUser: async (value, changes) => user(await inner.updateUser(ref(value), patch(changes))),
    suspendUser: async (value) => user(await inner.suspendUser(ref(value))),
    reactivateUser: async (value) => user(await inner.reactivateUser(ref(value))),
    removeUser: (value) => inner.removeUser(ref(value)),
    purgeUser: (value) => inner.purgeUser(ref(value)),
    cancelInvitation: (value) => inner.cancelInvitation(ref(value)),
    addToGroups: async (value, groups) => user(await inner.addToGroups(ref(value), groups)),
    removeFromGroups: async (value, groups) => user(await inner.removeFromGroups(ref(value), groups)),
  });
}

function user(value: User): User {
  return { ...value, userName: decode(value.userName) };
}

function encode(userName: string): string {
  return userName.replace(/[A-Z]/g, (letter) => `^${letter.toLowerCase()}`);
}

function decode(userName: string): string {
  return userName.replace(/\^([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
