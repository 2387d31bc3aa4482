import { NotFoundError, ProvisioningError, type UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (d): a not_found message quotes the connection's API key (as an error built from a request
 * URL would). The secret is not given to `wrapDirectory`, so only the contract kit can catch it.
 */
export function leaksSecretInNotFound(inner: UserDirectory, secret: string): UserDirectory {
  const leak = <T>(call: () => Promise<T>): Promise<T> =>
    call().catch((error: unknown) => {
      if (ProvisioningError.is(error) && error.code === 'not_found') {
        throw new NotFoundError(`${error.message} (GET /users?key=${secret})`, { provider: inner.provider });
      }
      throw error;
    });
  return forwardDirectory(inner, {
    getUser: (ref) => leak(() => inner.getUser(ref)),
    updateUser: (ref, patch) => leak(() => inner.updateUser(ref, patch)),
    suspendUser: (ref) => leak(() => inner.suspendUser(ref)),
    removeUser: (ref) => leak(() => inner.removeUser(ref)),
  });
}
