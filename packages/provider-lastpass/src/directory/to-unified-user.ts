import { type Attributes, normalizeUserName, type User, type UserStatus } from '@provisionkit/core';
import type { LastPassUser } from '../client/index.js';
import { splitFullName } from './name-split.js';
import { wallTimeToIso } from './wall-time.js';

/** What a `getuserdata` user record alone does not say: the page tells whether it is invited. */
export interface UserMappingContext {
  /** True when the response's `invited` list names the user. */
  readonly invited: boolean;
  /** IANA zone of LastPass's `YYYY-MM-DD HH:MM:SS` timestamps. */
  readonly timeZone: string;
  /** Memberships the page's `Groups` map gives the user beyond its own `groups` key. */
  readonly extraGroups?: readonly string[] | undefined;
}

/** A disabled user is suspended whether or not it was still invited: login is blocked either way. */
export function statusOf(disabled: boolean, invited: boolean): UserStatus {
  if (disabled) return 'suspended';
  return invited ? 'invited' : 'active';
}

/** Custom attributes keep scalar values; objects and arrays become their JSON text. */
export function toAttributes(attribs: Readonly<Record<string, unknown>>): Attributes {
  const attributes: Attributes = {};
  for (const key of Object.keys(attribs)) {
    const value = attribs[key];
    if (key === '' || value === undefined) continue;
    const scalar =
      value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    attributes[key] = scalar ? value : JSON.stringify(value);
  }
  return attributes;
}

/**
 * The unified `User` of one LastPass record: `id` is the numeric user key, `userName` and `email`
 * are the LastPass username, `displayName` is `fullname` exactly, and the name parts come from
 * `splitFullName`. Nothing of the provider payload beyond these fields is copied.
 */
export function toUnifiedUser(record: LastPassUser, context: UserMappingContext): User {
  // Built field by field rather than from spreads: a listing maps every user of the company, and
  // each spread of a conditional field is one more short-lived object.
  const user: User = {
    id: record.id,
    userName: record.username,
    email: record.username,
    status: statusOf(record.disabled, context.invited),
    isAdmin: record.admin,
    groups: groupsOf(record.groups, context.extraGroups),
    attributes: toAttributes(record.attribs),
  };
  const { givenName, familyName } = splitFullName(record.fullname);
  if (givenName !== undefined) user.givenName = givenName;
  if (familyName !== undefined) user.familyName = familyName;
  if (record.fullname.trim() !== '') user.displayName = record.fullname;
  const createdAt = wallTimeToIso(record.created, context.timeZone);
  if (createdAt !== undefined) user.createdAt = createdAt;
  const lastLoginAt = wallTimeToIso(record.last_login, context.timeZone);
  if (lastLoginAt !== undefined) user.lastLoginAt = lastLoginAt;
  return user;
}

/**
 * The record's groups and the page's extra memberships, each once, in that order. A record's own
 * list is used as it is when nothing is added: records are not kept, and core copies every user
 * it hands out.
 */
function groupsOf(own: readonly string[], extra: readonly string[] | undefined): string[] {
  if ((extra === undefined || extra.length === 0) && own.length < 2) return own as string[];
  // The common case, a `Groups` map that repeats the record's own list: nothing to build.
  if (isDistinct(own) && (extra === undefined || extra.every((group) => own.includes(group))))
    return own as string[];
  return [...new Set([...own, ...(extra ?? [])])];
}

/** True when no name repeats (a record's few groups: a quadratic scan beats building a Set). */
function isDistinct(names: readonly string[]): boolean {
  for (let index = 1; index < names.length; index++) {
    if (names.lastIndexOf(names[index]!, index - 1) !== -1) return false;
  }
  return true;
}

/**
 * Lower-cased user names of an `invited` list. Its element shape is not documented [U]: strings
 * (what the simulator and two clients assume) or objects carrying `username`/`email`.
 */
export function invitedNames(invited: readonly unknown[]): Set<string> {
  const names = new Set<string>();
  for (const entry of invited) {
    const name =
      typeof entry === 'string'
        ? entry
        : typeof entry === 'object' && entry !== null
          ? ((entry as { username?: unknown; email?: unknown }).username ??
            (entry as { email?: unknown }).email)
          : undefined;
    if (typeof name === 'string' && name.trim() !== '') names.add(normalizeUserName(name));
  }
  return names;
}
