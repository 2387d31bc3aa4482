import type { NewUser, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/** Bug: the create body never carries the admin role, so `isAdmin: true` is silently dropped. */
export function dropsAdminOnCreate(inner: UserDirectory): UserDirectory {
  const withoutAdmin = ({ isAdmin: _dropped, ...rest }: NewUser): NewUser => rest;
  return forwardDirectory(inner, {
    createUser: (input, options) => inner.createUser(withoutAdmin(input), options),
    createUsers: (batch, options) => inner.createUsers(batch.map(withoutAdmin), options),
  });
}
