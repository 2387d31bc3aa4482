import type { UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: `verifyCredentials` throws the HTTP client's own error for a 401 instead of a typed one, so
 * core can only call it `unreachable`: the host waits for a service that is up and never asks for
 * new credentials.
 */
export function untypedCredentialFailure(inner: UserDirectory): UserDirectory {
  return forwardDirectory(inner, {
    async verifyCredentials(options) {
      const check = await inner.verifyCredentials(options);
      if (check.status === 'invalid') throw new Error('Request failed with status code 401');
      return check;
    },
  });
}
