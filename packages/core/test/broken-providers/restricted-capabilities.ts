import type { Capabilities, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Not broken: a healthy provider that declares only a few verbs (a read-mostly API). The kit must skip
 * what it does not declare, and core must refuse the undeclared verbs with `unsupported_operation`.
 */
export function restrictedCapabilities(inner: UserDirectory): UserDirectory {
  const capabilities: Capabilities = {
    ...inner.capabilities,
    verbs: ['listUsers', 'getUser', 'createUser', 'updateUser', 'verifyCredentials'],
    listFilters: [],
    updatableFields: ['givenName', 'familyName'],
    acceptsPassword: false,
  };
  return forwardDirectory(inner, { capabilities });
}
