import type { UserDirectory, UserRef } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (above core): a host-side adapter reads the ref before core validates it, so `getUser(null)`
 * throws a `TypeError` instead of `invalid_input`.
 */
export function skipsInputValidation(wrapped: UserDirectory): UserDirectory {
  return forwardDirectory(wrapped, {
    getUser: (ref, options) => {
      const checked: UserRef = 'id' in ref ? { id: ref.id } : { userName: ref.userName };
      return wrapped.getUser(checked, options);
    },
  });
}
