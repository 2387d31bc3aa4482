import { type DeclaredVerbs, defineCapabilities } from '@provisionkit/core';

export const HELPDESK_PROVIDER_ID = 'helpdesk';

/**
 * What Helpdesk's API can do, as data, declared once: core checks it when the plugin is registered
 * and before every call, derives what it can, and the contract kit reads it.
 */
export const helpdeskCapabilities = defineCapabilities({
  // No bulk endpoint: core derives createUsers from createUser (one request per user).
  verbs: [
    'listUsers',
    'getUser',
    'createUser',
    'updateUser',
    'suspendUser',
    'reactivateUser',
    'verifyCredentials',
  ],
  maxPageSize: 100, // GET /agents takes limit=1..100
  defaultPageSize: 50,
  // One full name (displayName): core refuses given and family names instead of dropping them.
  creatableFields: ['email', 'displayName', 'isAdmin', 'externalId'],
  updatableFields: ['displayName', 'isAdmin'],
  // Not declared, so none or false: listFilters (core filters), acceptsPassword, createsInvitedUsers.
});

/** The verbs `HelpdeskDirectory` must implement: the compiler checks each one. */
export type HelpdeskVerb = DeclaredVerbs<typeof helpdeskCapabilities>;
