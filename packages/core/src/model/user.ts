import { z } from 'zod';
import { parseInput } from '../errors/from-zod.js';
import { Attributes, GroupName, IsoTimestamp, UserName } from './primitives.js';

export const UserStatus = z.enum(['active', 'invited', 'suspended']);
export type UserStatus = z.infer<typeof UserStatus>;

/** A user as every provider reports it. Provider payloads stay out of this shape. */
export const User = z.object({
  /** The provider's stable id (for LastPass its numeric user key, as a string). */
  id: z.string().min(1),
  userName: z.string().min(1),
  email: z.string().optional(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  displayName: z.string().optional(),
  status: UserStatus,
  isAdmin: z.boolean(),
  groups: z.array(z.string()),
  externalId: z.string().optional(),
  attributes: Attributes,
  createdAt: IsoTimestamp.optional(),
  /** Absent for users who never logged in. */
  lastLoginAt: IsoTimestamp.optional(),
});
export type User = z.infer<typeof User>;

/** Input of `createUser` / `createUsers`. Unknown keys are rejected so typos do not vanish silently. */
export const NewUser = z.strictObject({
  userName: UserName,
  email: z.email().optional(),
  givenName: z.string().max(256).optional(),
  familyName: z.string().max(256).optional(),
  displayName: z.string().max(512).optional(),
  isAdmin: z.boolean().optional(),
  groups: z.array(GroupName).max(1000).optional(),
  externalId: z.string().min(1).max(256).optional(),
  attributes: Attributes.optional(),
  /** Initial password where the provider takes one. Secret: redacted from logs, errors and events. */
  password: z.string().min(1).max(1024).optional(),
});
export type NewUser = z.input<typeof NewUser>;

/** Input of `updateUser`: the fields to change, at least one. */
export const UserPatch = z
  .strictObject({
    userName: UserName.optional(),
    email: z.email().optional(),
    givenName: z.string().max(256).optional(),
    familyName: z.string().max(256).optional(),
    displayName: z.string().max(512).optional(),
    isAdmin: z.boolean().optional(),
    externalId: z.string().min(1).max(256).optional(),
    attributes: Attributes.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'must change at least one field',
  });
export type UserPatch = z.input<typeof UserPatch>;
export type UserPatchField = keyof z.output<typeof UserPatch>;
export const USER_PATCH_FIELDS = [
  'userName',
  'email',
  'givenName',
  'familyName',
  'displayName',
  'isAdmin',
  'externalId',
  'attributes',
] as const satisfies readonly UserPatchField[];

/** Addresses one user, by provider id or by user name (case-insensitive). */
export const UserRef = z.union([
  z.strictObject({ id: z.string().trim().min(1, 'must not be empty') }),
  z.strictObject({ userName: UserName }),
]);
export type UserRef = z.infer<typeof UserRef>;

/** Text naming a ref in messages; uses the id or user name only, never other fields. */
export function describeRef(ref: UserRef): string {
  const checked = parseInput(UserRef, ref, { argument: 'ref' });
  return 'id' in checked ? `id ${checked.id}` : `userName ${checked.userName}`;
}
