import { type ProviderCapabilities, secret } from '@provisionkit/core';
import { z } from 'zod';

export const crewConfigSchema = z.strictObject({
  baseUrl: z.url({ protocol: /^https?$/ }),
  apiToken: secret(z.string().min(16)),
});
export type CrewConfig = z.output<typeof crewConfigSchema>;

export const CREW_CAPABILITIES: ProviderCapabilities = {
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
  maxBatchSize: 10,
  maxPageSize: 100,
  defaultPageSize: 50,
  listFilters: [],
  // Crew keeps one full name (`name`): given and family names are refused by core on create.
  creatableFields: ['email', 'displayName', 'isAdmin', 'externalId'],
  updatableFields: ['displayName'],
  acceptsPassword: false,
  createsInvitedUsers: false,
};
