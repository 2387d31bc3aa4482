import type { UserDirectory } from '../../src/index.js';

/**
 * Bug (i): a directory that drops the caller's options (and so its signal) before they reach core,
 * as a host-side adapter or a provider handed out without core's wrapper would: an aborted call runs
 * anyway, and writes.
 */
export function ignoresSignal(wrapped: UserDirectory): UserDirectory {
  return {
    provider: wrapped.provider,
    capabilities: wrapped.capabilities,
    listUsers: (options) => {
      const { signal: _ignored, ...rest } = options ?? {};
      return wrapped.listUsers(rest);
    },
    listUsersChangedSince: (options) => {
      const { signal: _ignored, ...rest } = options;
      return wrapped.listUsersChangedSince!(rest);
    },
    getUser: (ref) => wrapped.getUser(ref),
    createUser: (input) => wrapped.createUser(input),
    createUsers: (batch) => wrapped.createUsers(batch),
    updateUser: (ref, patch) => wrapped.updateUser(ref, patch),
    suspendUser: (ref) => wrapped.suspendUser(ref),
    reactivateUser: (ref) => wrapped.reactivateUser(ref),
    removeUser: (ref) => wrapped.removeUser(ref),
    purgeUser: (ref) => wrapped.purgeUser(ref),
    cancelInvitation: (ref) => wrapped.cancelInvitation(ref),
    addToGroups: (ref, groups) => wrapped.addToGroups(ref, groups),
    removeFromGroups: (ref, groups) => wrapped.removeFromGroups(ref, groups),
    listGroups: () => wrapped.listGroups(),
    verifyCredentials: () => wrapped.verifyCredentials(),
  };
}
