import type { Attributes, NewUser, User, UserPatch, UserStatus } from '@provisionkit/core';
import { z } from 'zod';

/** Internal, mutable state of one user. Never handed out: `toUser` copies it. */
export interface UserRecord {
  readonly id: string;
  /** Creation sequence number; orders paging (ids stay ordered past `u-999999`). */
  readonly seq: number;
  userName: string;
  email?: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  status: UserStatus;
  /** The status `reactivateUser` restores. Set while suspended. */
  statusBeforeSuspend?: 'active' | 'invited';
  isAdmin: boolean;
  groups: string[];
  externalId?: string;
  attributes: Attributes;
  readonly createdAt: string;
  /** Last change (creation included); what `listUsersChangedSince` compares. Never part of a `User`. */
  updatedAt: string;
  /** Kept so tests can check it was set; never copied into a `User`. */
  password?: string;
}

export function formatUserId(seq: number): string {
  return `u-${String(seq).padStart(6, '0')}`;
}

const looksLikeEmail = z.email();

/** Applies the mock's defaults: email from an email-like userName, displayName from the name parts. */
export function newRecord(
  input: NewUser,
  init: { readonly seq: number; readonly status: UserStatus; readonly createdAt: string },
): UserRecord {
  const record: UserRecord = {
    id: formatUserId(init.seq),
    seq: init.seq,
    userName: input.userName,
    status: init.status,
    isAdmin: input.isAdmin ?? false,
    groups: [...new Set(input.groups ?? [])],
    attributes: { ...input.attributes },
    createdAt: init.createdAt,
    updatedAt: init.createdAt,
  };
  const email =
    input.email ?? (looksLikeEmail.safeParse(input.userName).success ? input.userName : undefined);
  const nameParts = [input.givenName, input.familyName].filter((part) => part !== undefined && part !== '');
  const displayName = input.displayName ?? (nameParts.length > 0 ? nameParts.join(' ') : undefined);
  if (email !== undefined) record.email = email;
  if (input.givenName !== undefined) record.givenName = input.givenName;
  if (input.familyName !== undefined) record.familyName = input.familyName;
  if (displayName !== undefined) record.displayName = displayName;
  if (input.externalId !== undefined) record.externalId = input.externalId;
  if (input.password !== undefined) record.password = input.password;
  return record;
}

/**
 * Applies an (already conflict-checked) patch. `attributes` merges: provided keys replace stored ones
 * and a `null` value is stored as `null` (keys are never deleted). Derived defaults are not recomputed.
 */
export function applyPatch(record: UserRecord, patch: z.output<typeof UserPatch>): void {
  if (patch.userName !== undefined) record.userName = patch.userName;
  if (patch.email !== undefined) record.email = patch.email;
  if (patch.givenName !== undefined) record.givenName = patch.givenName;
  if (patch.familyName !== undefined) record.familyName = patch.familyName;
  if (patch.displayName !== undefined) record.displayName = patch.displayName;
  if (patch.isAdmin !== undefined) record.isAdmin = patch.isAdmin;
  if (patch.externalId !== undefined) record.externalId = patch.externalId;
  if (patch.attributes !== undefined) record.attributes = { ...record.attributes, ...patch.attributes };
}

/** A fresh `User` (no shared arrays or objects, no password). */
export function toUser(record: UserRecord): User {
  const user: User = {
    id: record.id,
    userName: record.userName,
    status: record.status,
    isAdmin: record.isAdmin,
    groups: [...record.groups],
    attributes: { ...record.attributes },
    createdAt: record.createdAt,
  };
  if (record.email !== undefined) user.email = record.email;
  if (record.givenName !== undefined) user.givenName = record.givenName;
  if (record.familyName !== undefined) user.familyName = record.familyName;
  if (record.displayName !== undefined) user.displayName = record.displayName;
  if (record.externalId !== undefined) user.externalId = record.externalId;
  return user;
}
