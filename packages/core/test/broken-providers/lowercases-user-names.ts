import type { NewUser, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: user names are stored lower-cased ("normalised" once too often), so `Ada.Lovelace@x` comes
 * back as `ada.lovelace@x`; lookups still work, as they are case-insensitive.
 */
export function lowercasesUserNames(inner: UserDirectory): UserDirectory {
  const lower = (input: NewUser): NewUser => ({ ...input, userName: input.userName.toLowerCase() });
  return forwardDirectory(inner, {
    createUser: (input, options) => inner.createUser(lower(input), options),
    createUsers: (batch, options) => inner.createUsers(batch.map(lower), options),
    updateUser: (ref, patch, options) =>
      inner.updateUser(
        ref,
        patch.userName === undefined ? patch : { ...patch, userName: patch.userName.toLowerCase() },
        options,
      ),
  });
}
