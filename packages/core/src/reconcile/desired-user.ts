import { z } from 'zod';
import { Attributes, GroupName, UserName } from '../model/primitives.js';
import { CREATE_FIELDS } from '../spi/capabilities.js';

/**
 * What a desired user may ask for: `active` (the default) or kept `suspended`. `invited` is read
 * as `active` (an account that is not suspended; a plan never invites again), so a directory's own
 * export, where users who never logged in are `invited`, reads back as a desired list.
 */
export const DesiredStatus = z.enum(['active', 'invited', 'suspended']);
export type DesiredStatus = z.infer<typeof DesiredStatus>;

/**
 * One user who should have an account, as a desired list (an HR export, an identity provider)
 * states it. A field left out is not managed: the directory's value stays. `groups` given (even
 * empty) is managed according to the policy. No password: desired lists are hashed, planned and
 * saved for review, so they must hold no secret.
 */
export const DesiredUser = z.strictObject({
  userName: UserName,
  email: z.email().max(256).optional(),
  givenName: z.string().trim().min(1).max(256).optional(),
  familyName: z.string().trim().min(1).max(256).optional(),
  displayName: z.string().trim().min(1).max(512).optional(),
  isAdmin: z.boolean().optional(),
  groups: z.array(GroupName).max(1000).optional(),
  externalId: z.string().trim().min(1).max(256).optional(),
  attributes: Attributes.optional(),
  status: DesiredStatus.optional(),
});
export type DesiredUser = z.output<typeof DesiredUser>;

/**
 * Fields of a desired user compared with the directory's (besides status and groups): the fields a
 * create can store, `CREATE_FIELDS`.
 */
export const COMPARED_FIELDS = CREATE_FIELDS;
export type ComparedField = (typeof COMPARED_FIELDS)[number];
