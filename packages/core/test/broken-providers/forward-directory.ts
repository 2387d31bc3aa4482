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
    getUser: (ref, o) => inner.getUser(ref, o),
    createUser: (input, o) => inner.createUser(input, o),
    createUsers: (batch, o) => inner.createUsers(batch, o),
    updateUser: (ref, patch, o) => inner.updateUser(ref, patch, o),
    suspendUser: (ref, o) => inner.suspendUser(ref, o),
    reactivateUser: (ref, o) => inner.reactivateUser(ref, o),
    removeUser: (ref, o) => inner.removeUser(ref, o),
    purgeUser: (ref, o) => inner.purgeUser(ref, o),
    cancelInvitation: (ref, o) => inner.cancelInvitation(ref, o),
    addToGroups: (ref, groups, o) => inner.addToGroups(ref, groups, o),
    removeFromGroups: (ref, groups, o) => inner.removeFromGroups(ref, groups, o),
    listGroups: (o) => inner.listGroups(o),
    verifyCredentials: (o) => inner.verifyCredentials(o),
  };
  const changes = inner.listUsersChangedSince;
  // The optional verb is forwarded only when the inner directory has it, as a provider would.
  if (changes !== undefined) forward.listUsersChangedSince = (options) => changes.call(inner, options);
  return { ...forward, ...overrides };
}
