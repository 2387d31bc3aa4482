import type { Capabilities, UserDirectory } from '../../src/index.js';
import { forwardDirectory } from './forward-directory.js';

/**
 * Not broken: a healthy provider that declares only a few verbs and fields (an API without a bulk
 * endpoint, groups or lifecycle). The kit must skip what it does not declare, core must refuse the
 * undeclared verbs and fields with `unsupported_operation`, and `createUsers`, derived by core from
 * `createUser`, must pass the batch tests.
 */
export function restrictedCapabilities(inner: UserDirectory): UserDirectory {
  // No createUsers and no maxBatchSize: core derives createUsers from createUser.
  const { maxBatchSize: _none, ...rest } = inner.capabilities;
  const capabilities = {
    ...rest,
    verbs: ['listUsers', 'getUser', 'createUser', 'updateUser', 'verifyCredentials'],
    listFilters: [],
    creatableFields: ['email', 'givenName', 'familyName'],
    updatableFields: ['givenName', 'familyName'],
    acceptsPassword: false,
  } as unknown as Capabilities;
  return forwardDirectory(inner, { capabilities });
}
