import { InvalidInputError, sameUserName, type UserPatch } from '@provisionkit/core';
import { z } from 'zod';
import { MAX_FULL_NAME_LENGTH, PROVIDER_ID } from '../client/index.js';
import { joinName, splitFullName } from './name-split.js';
import type { FoundUser } from './user-page.js';

/** The LastPass writes one `updateUser` needs; absent fields need no call. */
export interface UpdatePlan {
  /** New `fullname` for `updateuser`. */
  readonly fullname?: string;
  /** New login email for `updateemail`. */
  readonly newUserName?: string;
}

const Email = z.email();

/**
 * LastPass keeps one `fullname` and one login email. `displayName` sets the full name as given;
 * otherwise `givenName`/`familyName` replace their part of the current split and the name is
 * recomposed. `userName` and `email` both name the login email, so giving both with different
 * values is invalid.
 */
export function planUpdate(current: FoundUser, patch: UserPatch): UpdatePlan {
  const newUserName = targetUserName(patch);
  const fullname = targetFullName(current.record.fullname, patch);
  if (fullname !== undefined && fullname.length > MAX_FULL_NAME_LENGTH) throw nameTooLong(patch);
  return {
    ...(fullname === undefined || fullname === current.record.fullname ? {} : { fullname }),
    ...(newUserName === undefined || newUserName === current.record.username ? {} : { newUserName }),
  };
}

function targetFullName(currentName: string, patch: UserPatch): string | undefined {
  if (patch.displayName !== undefined) return patch.displayName;
  if (patch.givenName === undefined && patch.familyName === undefined) return undefined;
  const parts = splitFullName(currentName);
  return joinName(patch.givenName ?? parts.givenName, patch.familyName ?? parts.familyName);
}

function targetUserName(patch: UserPatch): string | undefined {
  const { userName, email } = patch;
  if (userName !== undefined && email !== undefined && !sameUserName(userName, email)) {
    throw invalid(
      'patch.email',
      'must equal patch.userName when both are given (LastPass keeps one login email)',
    );
  }
  const target = (userName ?? email)?.trim();
  if (target !== undefined && !Email.safeParse(target).success) {
    throw invalid(userName === undefined ? 'patch.email' : 'patch.userName', 'must be an email address');
  }
  return target;
}

function nameTooLong(patch: UserPatch): InvalidInputError {
  const fields =
    patch.displayName !== undefined
      ? ['displayName']
      : (['givenName', 'familyName'] as const).filter((field) => patch[field] !== undefined);
  const message = `must make a full name of at most ${MAX_FULL_NAME_LENGTH} characters (LastPass keeps one full name)`;
  const issues = fields.map((field) => ({ path: `patch.${field}`, message }));
  return new InvalidInputError(`Invalid patch: ${fields.join(' and ')} ${message}`, issues, {
    provider: PROVIDER_ID,
  });
}

function invalid(path: string, message: string): InvalidInputError {
  return new InvalidInputError(`Invalid patch: ${path} ${message}`, [{ path, message }], {
    provider: PROVIDER_ID,
  });
}
