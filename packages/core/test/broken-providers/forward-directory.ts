import type { UserDirectory } from '../../src/index.js';

/**
 * A directory that forwards every verb to `inner`, with some replaced. Broken providers are built
 * from the healthy mock this way, so each one differs from a passing provider by exactly one bug.
 */
export function forwardDirectory(inner: UserDirectory, overrides: Partial<UserDirectory>): UserDirectory {
  const forward: UserDirectory = {
    provider: inner.provider,
    capabilities: inner.capabilities,
    listUsers: (options) => inner.listUsers(options),
    getUser: (ref) => inner.getUser(ref),
    createUser: (input) => inner.createUser(input),
    createUsers: (batch) => inner.createUsers(batch),
    updateUser: (ref, patch) => inner.updateUser(ref, patch),
    suspendUser: (ref) => inner.suspendUser(ref),
    reactivateUser: (ref) => inner.reactivateUser(ref),
    removeUser: (ref) => inner.removeUser(ref),
    purgeUser: (ref) => inner.purgeUser(ref),
    cancelInvitation: (ref) => inner.cancelInvitation(ref),
    addToGroups: (ref, groups) => inner.addToGroups(ref, groups),
    removeFromGroups: (ref, groups) => inner.removeFromGroups(ref, groups),
    listGroups: () => inner.listGroups(),
    verifyCredentials: () => inner.verifyCredentials(),
  };
  return { ...forward, ...overrides };
}
