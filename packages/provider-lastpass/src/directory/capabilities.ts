import { type Capabilities, VERBS } from '@provisionkit/core';
import { MAX_PAGE_SIZE } from '../client/index.js';

/**
 * Large on purpose: core splits batches above it, and every `createUsers` call pays for a listing
 * before and after, so fewer, larger calls are cheaper. The directory chunks to the wire
 * `batchSize` itself.
 */
export const LASTPASS_MAX_BATCH_SIZE = 10_000;

/** What the LastPass provider declares; `defaultPageSize` follows the connection's `pageSize`. */
export function lastpassCapabilities(pageSize = 1000): Capabilities {
  return {
    verbs: [...VERBS],
    maxBatchSize: LASTPASS_MAX_BATCH_SIZE,
    maxPageSize: MAX_PAGE_SIZE,
    defaultPageSize: pageSize,
    listFilters: ['status', 'group'],
    // `email` must equal `userName` (one login email); `attributes` go to `attribs`. No command
    // creates an admin or holds an external id, so core refuses `isAdmin: true` and `externalId`.
    creatableFields: ['email', 'givenName', 'familyName', 'displayName', 'attributes'],
    // Not isAdmin (updateuser cannot grant admin), nor attributes/externalId (no command sets them).
    updatableFields: ['displayName', 'givenName', 'familyName', 'userName', 'email'],
    acceptsPassword: true,
    createsInvitedUsers: true,
    // LastPass users log in with their email: core refuses any other user name before a request.
    userNameFormat: 'email',
    // One login email: an `email` other than the user name would rename the account.
    emailIsUserName: true,
  };
}
