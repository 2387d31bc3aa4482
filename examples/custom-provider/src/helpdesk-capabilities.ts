import type { Capabilities } from '@provisionkit/core';

export const HELPDESK_PROVIDER_ID = 'helpdesk';

/** What Helpdesk's API can do, as data: core checks it before any call and the contract kit reads it. */
export const helpdeskCapabilities: Capabilities = {
  verbs: [
    'listUsers',
    'getUser',
    'createUser',
    'createUsers',
    'updateUser',
    'suspendUser',
    'reactivateUser',
    'verifyCredentials',
  ],
  // Helpdesk's bulk endpoint takes at most 10 agents; core splits larger batches into chunks.
  maxBatchSize: 10,
  maxPageSize: 100,
  defaultPageSize: 50,
  // Helpdesk cannot filter its agent list: core filters the stream for `status` and `group`.
  listFilters: [],
  updatableFields: ['displayName'],
  acceptsPassword: false,
  createsInvitedUsers: false,
};
