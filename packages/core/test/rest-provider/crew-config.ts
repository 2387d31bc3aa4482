import { type DeclaredVerbs, defineCapabilities, secret } from '@provisionkit/core';
import { BaseUrl } from '@provisionkit/core/http';
import { z } from 'zod';

export const crewConfigSchema = z.strictObject({
  baseUrl: BaseUrl,
  apiToken: secret(z.string().min(16)),
});
export type CrewConfig = z.output<typeof crewConfigSchema>;

export const CREW_CAPABILITIES = defineCapabilities({
  // No bulk endpoint: core derives createUsers from createUser.
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
  // Crew keeps one full name (`name`): given and family names are refused by core on create.
  creatableFields: ['email', 'displayName', 'isAdmin', 'externalId'],
  updatableFields: ['displayName'],
});
export type CrewVerb = DeclaredVerbs<typeof CREW_CAPABILITIES>;
