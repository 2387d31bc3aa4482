import type { NewUser, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug: `externalId` is declared in `creatableFields` but the create body maps it to a field the API
 * ignores, so it is never stored.
 */
export function dropsDeclaredField(inner: UserDirectory): UserDirectory {
  const withoutExternalId = ({ externalId: _lost, ...rest }: NewUser): NewUser => rest;
  return forwardDirectory(inner, {
    createUser: (input, options) => inner.createUser(withoutExternalId(input), options),
    createUsers: (batch, options) => inner.createUsers(batch.map(withoutExternalId), options),
  });
}
