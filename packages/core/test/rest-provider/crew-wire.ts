import type { NewUser, User } from '@provisionkit/core';
import { z } from 'zod';

/** A member as Crew's API returns it (checked by the toolkit's `jsonReader`). */
export const CrewMember = z.object({
  id: z.string(),
  login: z.string(),
  email: z.string().optional(),
  name: z.string().optional(),
  external_id: z.string().optional(),
  admin: z.boolean(),
  active: z.boolean(),
  created_at: z.string(),
});
export type CrewMember = z.infer<typeof CrewMember>;

export const CrewPage = z.object({ members: z.array(CrewMember), next_cursor: z.string().nullable() });
export const CrewScopes = z.object({ scopes: z.array(z.string()) });

export function toUser(member: CrewMember): User {
  return {
    id: member.id,
    userName: member.login,
    ...(member.email === undefined ? {} : { email: member.email }),
    ...(member.name === undefined ? {} : { displayName: member.name }),
    ...(member.external_id === undefined ? {} : { externalId: member.external_id }),
    status: member.active ? 'active' : 'suspended',
    isAdmin: member.admin,
    groups: [],
    attributes: {},
    createdAt: member.created_at,
  };
}

/** Crew keeps one full name: given and family names fold into it. */
export function toNewMember(input: NewUser) {
  const parts = [input.givenName, input.familyName].filter((part) => part !== undefined && part !== '');
  return {
    login: input.userName,
    email: input.email,
    name: input.displayName ?? (parts.length > 0 ? parts.join(' ') : undefined),
    external_id: input.externalId,
    admin: input.isAdmin === true,
  };
}
