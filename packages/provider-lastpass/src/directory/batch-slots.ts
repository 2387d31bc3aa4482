import {
  type BatchItemResult,
  ConflictError,
  InvalidInputError,
  isEmailAddress,
  type NewUser,
  normalizeUserName,
  type ProvisioningError,
  sameUserName,
  type User,
} from '@provisionkit/core';
import { type BatchAddUser, MAX_FULL_NAME_LENGTH, PROVIDER_ID } from '../client/index.js';
import { joinName } from './name-split.js';

/** One item of a `createUsers` call on its way through the algorithm. */
export interface BatchSlot {
  readonly index: number;
  readonly userName: string;
  /** Normalized user name: LastPass compares user names case-insensitively. */
  readonly key: string;
  readonly wire: BatchAddUser;
  readonly wantsAdmin: boolean;
  /** Set once the item's outcome is known. */
  result?: BatchItemResult | undefined;
  /** `sent`: LastPass accepted it; `unknown`: its request failed ambiguously and was not confirmed. */
  delivery?: 'sent' | 'unknown' | undefined;
  /** The failure to report if an `unknown` item turns out not to exist. */
  unknownError?: ProvisioningError | undefined;
}

export function succeed(slot: BatchSlot, user: User): void {
  slot.result = { index: slot.index, userName: slot.userName, ok: true, user };
}

export function fail(slot: BatchSlot, error: ProvisioningError): void {
  slot.result = { index: slot.index, userName: slot.userName, ok: false, error };
}

/** The `fullname` a new user gets: `displayName` when given (kept exactly), else given + family. */
export function fullNameOf(input: Pick<NewUser, 'displayName' | 'givenName' | 'familyName'>): string {
  return input.displayName ?? joinName(input.givenName, input.familyName);
}

/**
 * Builds the slots and settles what needs no I/O: a user name LastPass cannot hold (not an email,
 * or an `email` that differs from it) is invalid; the second of two items sharing a user name (in
 * any case) is a conflict, the first one goes on.
 */
export function prepareSlots(batch: readonly NewUser[]): BatchSlot[] {
  const seen = new Set<string>();
  // `Array.from`, not `map`: a hole in a sparse batch is an item too, and gets its own result.
  return Array.from(batch, (item: NewUser | undefined, index) => {
    if (typeof item?.userName !== 'string') return notAUser(index);
    const input = item;
    const userName = input.userName.trim();
    // Every field from the start: fields added later would give each of thousands of slots a
    // second, out-of-object store and change its shape while it lives.
    const slot: BatchSlot = {
      index,
      userName,
      key: normalizeUserName(userName),
      wire: toWire(input, userName),
      wantsAdmin: input.isAdmin === true,
      result: undefined,
      delivery: undefined,
      unknownError: undefined,
    };
    const invalid = invalidReason(input, userName, slot.wire);
    if (invalid !== undefined) fail(slot, invalid);
    else if (seen.has(slot.key)) fail(slot, duplicateInBatch());
    seen.add(slot.key);
    return slot;
  });
}

/** A batch entry that is no user at all (a hole, `null`): it fails alone, nothing is sent for it. */
function notAUser(index: number): BatchSlot {
  const issue = { path: 'userName', message: 'is required: the batch item is not a user' };
  const slot: BatchSlot = { index, userName: '', key: '', wire: { username: '' }, wantsAdmin: false };
  fail(
    slot,
    new InvalidInputError(`Invalid user: ${issue.path} ${issue.message}`, [issue], { provider: PROVIDER_ID }),
  );
  return slot;
}

function invalidReason(input: NewUser, userName: string, wire: BatchAddUser): InvalidInputError | undefined {
  // Core refuses these first (`userNameFormat: 'email'`); checked again for a raw directory.
  if (!isEmailAddress(userName)) {
    const issue = { path: 'userName', message: 'must be an email address (LastPass user names are emails)' };
    return new InvalidInputError(`Invalid user: ${issue.path} ${issue.message}`, [issue], {
      provider: PROVIDER_ID,
    });
  }
  if (input.email !== undefined && !sameUserName(input.email, userName)) {
    const issue = { path: 'email', message: 'must equal userName (LastPass keeps one login email)' };
    return new InvalidInputError(`Invalid user: ${issue.path} ${issue.message}`, [issue], {
      provider: PROVIDER_ID,
    });
  }
  return fullNameTooLong(input, wire.fullname ?? '');
}

/**
 * The model allows a 256-character given and family name each; joined they may exceed the full
 * name LastPass is sent. The item fails alone, naming the fields that make the name.
 */
function fullNameTooLong(input: NewUser, fullname: string): InvalidInputError | undefined {
  if (fullname.length <= MAX_FULL_NAME_LENGTH) return undefined;
  const fields = input.displayName !== undefined ? ['displayName'] : ['givenName', 'familyName'];
  const message = `must make a full name of at most ${MAX_FULL_NAME_LENGTH} characters (LastPass keeps one full name)`;
  const issues = fields.map((field) => ({ path: field, message }));
  return new InvalidInputError(`Invalid user: ${fields.join(' and ')} ${message}`, issues, {
    provider: PROVIDER_ID,
  });
}

function duplicateInBatch(): ConflictError {
  return new ConflictError('Another item of this batch has the same userName', {
    provider: PROVIDER_ID,
    details: { reason: 'duplicate_in_batch' },
  });
}

// `externalId` has no LastPass field and is not sent; `isAdmin` is refused before sending. Built
// field by field: batches run to thousands of items and each conditional spread is an object.
function toWire(input: NewUser, userName: string): BatchAddUser {
  const wire: { -readonly [K in keyof BatchAddUser]: BatchAddUser[K] } = { username: userName };
  const fullname = fullNameOf(input);
  if (fullname !== '') wire.fullname = fullname;
  if (input.groups !== undefined && input.groups.length > 0) wire.groups = [...input.groups];
  if (input.password !== undefined) {
    wire.password = input.password;
    wire.password_reset_required = true;
  }
  if (input.attributes !== undefined && Object.keys(input.attributes).length > 0) {
    wire.attribs = { ...input.attributes };
  }
  return wire;
}
