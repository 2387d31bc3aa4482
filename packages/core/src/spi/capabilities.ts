import { z } from 'zod';
import { requireArray } from '../errors/argument-error.js';
import { USER_PATCH_FIELDS, type UserPatchField } from '../model/user.js';
import { UserNameFormat } from './user-name-format.js';
import { Verb } from './verbs.js';

export const ListFilter = z.enum(['status', 'group']);
export type ListFilter = z.infer<typeof ListFilter>;

type CreatableField = Exclude<UserPatchField, 'userName'>;

/**
 * `NewUser` fields a provider may store on create: the fields a patch can change, but `userName`
 * (always stored). `password` follows `acceptsPassword`, `groups` follow `addToGroups`.
 */
export const CREATE_FIELDS = USER_PATCH_FIELDS.filter(
  (field): field is CreatableField => field !== 'userName',
) as readonly CreatableField[] as readonly [CreatableField, ...CreatableField[]];
export const CreateField = z.enum(CREATE_FIELDS);
export type CreateField = z.infer<typeof CreateField>;

/**
 * What a directory supports, as hosts see it: the provider's declaration (`ProviderCapabilities`)
 * checked for consistency, with defaults applied and derived verbs added (see `resolveCapabilities`).
 * Core checks it before any I/O; the contract kit reads it.
 */
export const Capabilities = z.object({
  verbs: z.array(Verb).min(1),
  /** Largest batch the provider takes in one call; core splits larger `createUsers` batches into chunks. */
  maxBatchSize: z.number().int().positive(),
  /** Largest `pageSize` accepted by `listUsers`. */
  maxPageSize: z.number().int().positive(),
  /** The page size of a listing whose caller gives none; core passes it to the provider. */
  defaultPageSize: z.number().int().positive(),
  /** `listUsers` filters the provider applies; core applies the others to the stream. */
  listFilters: z.array(ListFilter),
  /** `NewUser` fields a create stores; any other non-empty field is refused with `unsupported_operation`. */
  creatableFields: z.array(CreateField),
  /** `UserPatch` fields `updateUser` can change; any other is refused with `unsupported_operation`. */
  updatableFields: z.array(z.enum(USER_PATCH_FIELDS)),
  /** Whether `createUser` accepts an initial `password`. */
  acceptsPassword: z.boolean(),
  /** Whether new users start as `invited` (true) or `active` (false). */
  createsInvitedUsers: z.boolean(),
  /** `email`: a create or rename to a user name that is not an email address is refused with `invalid_input`. */
  userNameFormat: UserNameFormat,
  /**
   * The provider keeps one login email, equal to the user name: a new user whose `email` differs
   * from its `userName` is refused with `invalid_input`, and a plan reports such a desired row.
   */
  emailIsUserName: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;

export function supports(capabilities: Capabilities, verb: Verb): boolean {
  const verbs = (capabilities as { verbs?: unknown } | null | undefined)?.verbs;
  return requireArray('supports', 'capabilities.verbs', verbs).includes(verb);
}
