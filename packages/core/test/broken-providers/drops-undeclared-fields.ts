import type { Capabilities, NewUser, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Bug (above core): a directory that does not store `externalId` and `attributes`, declares so, but
 * strips them from the input before core sees them, so core never refuses them: the caller believes
 * they were kept.
 */
export function dropsUndeclaredFields(wrapped: UserDirectory): UserDirectory {
  const capabilities: Capabilities = {
    ...wrapped.capabilities,
    creatableFields: wrapped.capabilities.creatableFields.filter(
      (field) => field !== 'externalId' && field !== 'attributes',
    ),
  };
  const strip = ({ externalId: _a, attributes: _b, ...rest }: NewUser): NewUser => rest;
  return forwardDirectory(wrapped, {
    capabilities,
    createUser: (input, options) => wrapped.createUser(strip(input), options),
    createUsers: (batch, options) => wrapped.createUsers(batch.map(strip), options),
  });
}
