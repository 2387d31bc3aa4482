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
  maxPageSize: 100,
  defaultPageSize: 50,
  // Helpdesk keeps one full name (displayName): core refuses given and family names, groups and
  // attributes on create instead of letting them vanish.
  creatableFields: ['email', 'displayName', 'isAdmin', 'externalId'],
  updatableFields: ['displayName'],
  // Not declared, so false: listFilters (core filters the stream), acceptsPassword, createsInvitedUsers.
});

/** The verbs `HelpdeskUserDirectory` must implement: the compiler checks each one. */
export type HelpdeskVerb = DeclaredVerbs<typeof helpdeskCapabilities>;
