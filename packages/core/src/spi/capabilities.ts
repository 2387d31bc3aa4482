import { z } from 'zod';
import { requireArray } from '../errors/argument-error.js';
import { USER_PATCH_FIELDS } from '../model/user.js';
import { Verb } from './verbs.js';

export const ListFilter = z.enum(['status', 'group']);
export type ListFilter = z.infer<typeof ListFilter>;

/** What a provider supports, declared as data. Core checks it before any I/O; the contract kit reads it. */
export const Capabilities = z.object({
  verbs: z.array(Verb).min(1),
  /** Largest batch the provider takes in one call; core splits larger `createUsers` batches into chunks. */
  maxBatchSize: z.number().int().positive(),
  /** Largest `pageSize` accepted by `listUsers`. */
  maxPageSize: z.number().int().positive(),
  defaultPageSize: z.number().int().positive(),
  /** `listUsers` filters the provider applies. */
  listFilters: z.array(ListFilter),
  /** `UserPatch` fields `updateUser` can change. */
  updatableFields: z.array(z.enum(USER_PATCH_FIELDS)),
  /** Whether `createUser` accepts an initial `password`. */
  acceptsPassword: z.boolean(),
  /** Whether new users start as `invited` (true) or `active` (false). */
  createsInvitedUsers: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;

export function supports(capabilities: Capabilities, verb: Verb): boolean {
  const verbs = (capabilities as { verbs?: unknown } | null | undefined)?.verbs;
  return requireArray('supports', 'capabilities.verbs', verbs).includes(verb);
}
