import { ProvisioningError, type UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

const CLIENT_ERRORS = new Set(['not_found', 'conflict', 'invalid_input']);

/**
 * Bug (above core, which forces these flags itself): `not_found`, `conflict` and `invalid_input`
 * come out marked retryable, as an error mapping that marks every 4xx retryable would; a host's
 * retry loop then hammers a user that does not exist.
 */
export function retryableClientErrors(wrapped: UserDirectory): UserDirectory {
  const mark = (error: unknown): never => {
    if (ProvisioningError.is(error) && CLIENT_ERRORS.has(error.code)) {
      Object.defineProperty(error, 'retryable', { value: true });
    }
    throw error;
  };
  return forwardDirectory(wrapped, {
    getUser: (ref, options) => wrapped.getUser(ref, options).catch(mark),
    createUser: (input, options) => wrapped.createUser(input, options).catch(mark),
    updateUser: (ref, patch, options) => wrapped.updateUser(ref, patch, options).catch(mark),
    suspendUser: (ref, options) => wrapped.suspendUser(ref, options).catch(mark),
    reactivateUser: (ref, options) => wrapped.reactivateUser(ref, options).catch(mark),
    removeUser: (ref, options) => wrapped.removeUser(ref, options).catch(mark),
    purgeUser: (ref, options) => wrapped.purgeUser(ref, options).catch(mark),
    cancelInvitation: (ref, options) => wrapped.cancelInvitation(ref, options).catch(mark),
    addToGroups: (ref, groups, options) => wrapped.addToGroups(ref, groups, options).catch(mark),
    removeFromGroups: (ref, groups, options) => wrapped.removeFromGroups(ref, groups, options).catch(mark),
  });
}
